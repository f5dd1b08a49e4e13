import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { startWorkers, type RunningWorkers, type WorkerOptions } from './worker.js';

/** Ingest workers over the configured blob store (the server starts config.workers of them; `liionsden worker` more). */
export function startIngestWorkers(config: Config, db: Db, opts: Partial<WorkerOptions> & { logger?: Logger } = {}): RunningWorkers {
  const { logger = createLogger(config), ...options } = opts;
  return startWorkers(
    { db, blobStore: openBlobStore(config), streamMinBytes: config.streamIngestMinBytes, spreadsheetLimits: config.spreadsheetLimits },
    {
      count: config.workers,
      leaseMs: config.jobLeaseMs,
      onJobDone: (e) => logger.info(e, 'ingest job done'),
      onError: (err) => logger.error({ err }, 'ingest worker error'),
      ...options,
    },
  );
}
