import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { startServer } from '../server.js';
import { startClusteredServer } from '../server-cluster.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the web app and API (PGlite under DATA_DIR unless DATABASE_URL is set)')
    .option('--processes <n>', 'HTTP server processes sharing the port (PostgreSQL only; default WEB_CONCURRENCY or 1)')
    .action(async (opts: { processes?: string }) => {
      const config = loadConfig(opts.processes === undefined ? process.env : { ...process.env, WEB_CONCURRENCY: opts.processes });
      const server = config.processes > 1 ? await startClusteredServer(config) : await startServer(config);
      if (!server) return; // a cluster worker: it serves until the primary disconnects it
      const processes = config.processes > 1 ? `, ${config.processes} processes` : '';
      server.logger.info({ url: server.url, database: server.database.kind }, `Liionsden listening on ${server.url} (database: ${server.database.kind}${processes})`);
      const shutdown = () => void server.stop().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
