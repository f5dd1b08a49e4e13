import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { ValidationError } from '../domain/errors.js';
import { startIngestWorkers } from '../ingest/start-ingest-workers.js';
import { createLogger } from '../observability/logger.js';
import { createBlobStoreRoot } from '../storage/open-blob-store.js';

const positive = (name: string, v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new ValidationError(`${name} must be a positive number, not '${v}'`);
  return n;
};

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run ingest workers against the configured database and blob store (more parsing capacity, other machines)')
    .option('--concurrency <n>', 'job loops in this process (default: WORKERS, at least 1)')
    .option('--lease-seconds <s>', 'how long a claimed job is held without a heartbeat before another worker may take it (default: JOB_LEASE_S, 10)')
    .action(async (opts: { concurrency?: string; leaseSeconds?: string }) => {
      const config = loadConfig();
      const count = opts.concurrency ? Math.floor(positive('--concurrency', opts.concurrency)) : Math.max(1, config.workers);
      const leaseMs = opts.leaseSeconds === undefined ? config.jobLeaseMs : positive('--lease-seconds', opts.leaseSeconds) * 1000;
      const logger = createLogger(config);
      const database = openDatabase({ databaseUrl: config.databaseUrl, poolMax: config.databasePoolMax, dataDir: config.dataDir, logger });
      await migrateToLatest(database.db);
      await createBlobStoreRoot(config);
      const workers = startIngestWorkers({ ...config, workers: count }, database.db, {
        leaseMs,
        pollMs: 500,
        logger,
      });
      logger.info({ loops: count, database: database.kind, leaseS: leaseMs / 1000 }, 'ingest worker started');
      await new Promise<void>((resolve) => {
        const shutdown = () => resolve();
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
      });
      // SIGTERM drains: nothing new is claimed; jobs in hand get SHUTDOWN_GRACE_S, then go back to the queue at once.
      await workers.stop({ graceMs: config.shutdownGraceMs });
      await database.close();
      logger.info('ingest worker stopped');
      // A job handed back may still be running in this process: its result would be refused; end it with the process.
      process.exit(0);
    });
}
