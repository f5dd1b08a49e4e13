import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogger } from './observability/logger.js';
import { ensureInitialAdmin } from './auth/initial-admin.js';
import { startIngestWorkers } from './ingest/start-ingest-workers.js';
import { createBlobStoreRoot } from './storage/open-blob-store.js';
import { startServerTempSweeper } from './storage/start-temp-sweeper.js';
import { startServer, type RunningServer } from './server.js';

/**
 * `config.processes` HTTP processes sharing one port (node:cluster), over PostgreSQL only. The primary
 * migrates, creates the initial administrator, runs the ingest workers and the temp sweep (once) and
 * forks; each worker serves the app with its own connection pool. Returns the running cluster in the
 * primary and undefined in a worker (whose caller has nothing more to do). A worker that crashes is replaced.
 */
export async function startClusteredServer(config: Config): Promise<RunningServer | undefined> {
  const logger = createLogger(config);
  if (cluster.isWorker) {
    const server = await startServer(config, { httpOnly: true, logger });
    process.once('disconnect', () => void server.stop().then(() => process.exit(0)));
    return undefined;
  }
  const database = openDatabase({ databaseUrl: config.databaseUrl, poolMax: config.databasePoolMax, dataDir: config.dataDir, logger });
  await migrateToLatest(database.db);
  await createBlobStoreRoot(config);
  await ensureInitialAdmin(database.db, config.initialAdmin);
  let stopping = false;
  const fork = () => cluster.fork().on('exit', (code, signal) => {
    // Ctrl-C reaches the whole process group: the primary is shutting down too.
    if (stopping || signal === 'SIGINT' || signal === 'SIGTERM') return;
    logger.warn({ exit: code ?? signal }, 'server process exited; starting another');
    fork();
  });
  const forked: Worker[] = [];
  const port = await new Promise<number>((resolve) => {
    let listening = 0;
    cluster.on('listening', function onListening(_worker, address) {
      if (++listening < config.processes) return;
      cluster.off('listening', onListening);
      resolve(address.port);
    });
    for (let i = 0; i < config.processes; i++) forked.push(fork());
  });
  const workers = config.workers > 0 ? startIngestWorkers(config, database.db, { logger }) : undefined;
  const sweeper = startServerTempSweeper(config, logger);
  return {
    url: `http://localhost:${port}`,
    database,
    logger,
    stop: async () => {
      stopping = true;
      const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      await Promise.all(live.map((w) => new Promise((resolve) => w.once('exit', resolve).disconnect())));
      await workers?.stop({ graceMs: config.shutdownGraceMs });
      await sweeper.stop();
      await database.close();
    },
  };
}
