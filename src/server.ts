import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './api/app.js';
import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogger, type Logger } from './observability/logger.js';
import { ensureInitialAdmin } from './auth/initial-admin.js';
import { startIngestWorkers } from './ingest/start-ingest-workers.js';
import { createBlobStoreRoot } from './storage/open-blob-store.js';
import { startServerTempSweeper } from './storage/start-temp-sweeper.js';

export interface RunningServer {
  url: string;
  database: DatabaseHandle;
  logger: Logger;
  stop(): Promise<void>;
}

/**
 * Opens the database, migrates it, and serves the app until stopped. `httpOnly` (a cluster worker,
 * server-cluster.ts) leaves migrations, ingest workers and the temp sweep to the primary process.
 */
export async function startServer(config: Config, opts: { httpOnly?: boolean; logger?: Logger } = {}): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(config);
  const database = openDatabase({ databaseUrl: config.databaseUrl, poolMax: config.databasePoolMax, dataDir: config.dataDir, logger });
  await createBlobStoreRoot(config);
  if (!opts.httpOnly) {
    await migrateToLatest(database.db);
    await ensureInitialAdmin(database.db, config.initialAdmin);
  }
  const lifecycle = { draining: false };
  const app = createApp({ config, db: database.db, dbKind: database.kind, logger, lifecycle });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  // Ingest workers share the process by default (WORKERS=0 leaves parsing to `liionsden worker` processes).
  const workers = config.workers > 0 && !opts.httpOnly ? startIngestWorkers(config, database.db, { logger }) : undefined;
  const sweeper = opts.httpOnly ? undefined : startServerTempSweeper(config, logger);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://localhost:${port}`,
    database,
    logger,
    stop: async () => {
      // Readiness goes false first; jobs in hand get the grace period, what is left goes back to the queue.
      lifecycle.draining = true;
      await workers?.stop({ graceMs: config.shutdownGraceMs });
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sweeper?.stop();
      await database.close();
    },
  };
}
