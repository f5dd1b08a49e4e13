import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { demoExperiments } from '../demo/demo-catalogue.js';
import { addDemoDataFile, DEMO_FILE_NAME } from '../demo/demo-data-file.js';
import { fillDemoData } from '../demo/demo-data.js';
import { waitUntilSettled } from '../ingest/settled-data-files.js';
import { startIngestWorkers } from '../ingest/start-ingest-workers.js';
import { openBlobStore } from '../storage/open-blob-store.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Fill an empty database with a small demo lab (one user per role, specifications, batches, experiments, one parsed cycler file)')
    .action(async () => {
      const config = loadConfig();
      const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await migrateToLatest(database.db);
        const accounts = await fillDemoData(database.db);
        process.stdout.write(`Demo data added. Parsing the demo cycler file ${DEMO_FILE_NAME} …\n`);
        const dataFileId = await addDemoDataFile(database.db, openBlobStore(config));
        process.stdout.write(`${await parseNow(database.db, config, dataFileId)}\n`);
        process.stdout.write('Sign in with one of these accounts (passwords are shown only now):\n');
        for (const a of accounts) process.stdout.write(`  ${a.role.padEnd(14)} ${a.username.padEnd(18)} ${a.password}\n`);
        process.stdout.write('Start the app with `npm start` and open http://localhost:3000\n');
      } finally {
        await database.close();
      }
    });
}

/** Runs one ingest worker here until the data file is parsed (or failed); returns a line saying which. */
async function parseNow(db: Db, config: ReturnType<typeof loadConfig>, dataFileId: number): Promise<string> {
  const workers = startIngestWorkers({ ...config, workers: 1 }, db, { pollMs: 200 });
  try {
    const [file] = await waitUntilSettled(db, [dataFileId]);
    if (file.state === 'ready') return `Data file ${dataFileId} ready: ${file.row_count} rows (open the experiment '${demoExperiments[0][0]}' for its plots).`;
    return `Data file ${dataFileId} failed to parse: ${JSON.stringify(file.error)}`;
  } finally {
    await workers.stop();
  }
}
