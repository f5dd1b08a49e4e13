import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { startServer } from '../server.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the web app and API (PGlite under DATA_DIR unless DATABASE_URL is set)')
    .action(async () => {
      const config = loadConfig();
      const server = await startServer(config);
      console.log(`Liionsden listening on ${server.url} (database: ${server.database.kind})`);
      const shutdown = () => void server.stop().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
