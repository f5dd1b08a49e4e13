import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { startWorkers, type RunningWorkers, type WorkerOptions } from './worker.js';

/** Ingest workers over the configured blob store (the server starts config.workers of them; `liionsden worker` more). */
export function startIngestWorkers(config: Config, db: Db, opts: Partial<WorkerOptions> = {}): RunningWorkers {
  return startWorkers(
    { db, blobStore: openBlobStore(config), streamMinBytes: config.streamIngestMinBytes, spreadsheetLimits: config.spreadsheetLimits },
    {
      count: config.workers,
      onError: (err) => {
        if (config.logLevel !== 'silent') process.stderr.write(`liionsden worker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      },
      ...opts,
    },
  );
}
