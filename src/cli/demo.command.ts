import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { demoExperiments } from '../demo/demo-catalogue.js';
import { addDemoDataFiles } from '../demo/demo-data-file.js';
import { fillDemoData } from '../demo/demo-data.js';
import { waitUntilSettled } from '../ingest/settled-data-files.js';
import { startIngestWorkers } from '../ingest/start-ingest-workers.js';
import { quietLogger } from '../observability/logger.js';
import { openBlobStore } from '../storage/open-blob-store.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Fill an empty database with a small demo lab (one user per role, specifications, batches, experiments, a parsed cycler file per ageing cell)')
    .action(async () => {
      const config = loadConfig();
      const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await migrateToLatest(database.db);
        const accounts = await fillDemoData(database.db);
        const dataFileIds = await addDemoDataFiles(database.db, openBlobStore(config));
        process.stdout.write(`Demo data added. Parsing ${dataFileIds.length} demo cycler files (one per cell of the ageing experiments) …\n`);
        process.stdout.write(`${await parseNow(database.db, config, dataFileIds)}\n`);
        process.stdout.write('Sign in with one of these accounts (passwords are shown only now):\n');
        for (const a of accounts) process.stdout.write(`  ${a.role.padEnd(14)} ${a.username.padEnd(18)} ${a.password}\n`);
        process.stdout.write('Start the app with `npm start` and open http://localhost:3000\n');
      } finally {
        await database.close();
      }
    });
}

/** Runs ingest workers here until the data files are parsed (or failed); returns lines saying which. */
async function parseNow(db: Db, config: ReturnType<typeof loadConfig>, dataFileIds: number[]): Promise<string> {
  const workers = startIngestWorkers({ ...config, workers: 2 }, db, { pollMs: 200, logger: quietLogger(config) });
  try {
    const files = await waitUntilSettled(db, dataFileIds);
    const failed = files.filter((f) => f.state !== 'ready');
    const rows = files.reduce((n, f) => n + (f.row_count ?? 0), 0);
    const lines = [`${files.length - failed.length} of ${files.length} data files ready (${rows.toLocaleString('en-GB')} rows): open the experiment '${demoExperiments[0][0]}' for plots, or Compare to overlay the cells.`];
    for (const f of failed) lines.push(`Data file ${f.id} failed to parse: ${JSON.stringify(f.error)}`);
    return lines.join('\n');
  } finally {
    await workers.stop();
  }
}
