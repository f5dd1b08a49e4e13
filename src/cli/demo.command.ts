import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { fillDemoData } from '../demo/demo-data.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Fill an empty database with a small demo lab (one user per role, specifications, batches, experiments)')
    .action(async () => {
      const config = loadConfig();
      const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await migrateToLatest(database.db);
        const accounts = await fillDemoData(database.db);
        process.stdout.write('Demo data added. Sign in with one of these accounts (passwords are shown only now):\n');
        for (const a of accounts) process.stdout.write(`  ${a.role.padEnd(14)} ${a.username.padEnd(18)} ${a.password}\n`);
        process.stdout.write('Start the app with `npm start` and open http://localhost:3000\n');
      } finally {
        await database.close();
      }
    });
}
