import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { TableReader } from '../common/table-reader.js';
import { createParallelTableReader } from './parallel-table-reader.js';
import { createTableWorkerPool } from './table-worker-pool.js';

const WORKER_URL = new URL('./table-worker.js', import.meta.url);
// This thread reads one range too, so one worker per other core.
const MAX_WORKERS = 3;

let shared: TableReader | null | undefined;

/**
 * The process's table reader over worker threads (one pool, created on first use, workers
 * started only when a table is big enough), or undefined on one core or where table-worker.js is
 * not beside this module (running from TypeScript sources): tables are then read in this thread.
 */
export function defaultTableReader(): TableReader | undefined {
  if (shared === undefined) {
    const cores = availableParallelism();
    shared = cores > 1 && existsSync(fileURLToPath(WORKER_URL))
      ? createParallelTableReader(createTableWorkerPool(WORKER_URL, Math.min(cores - 1, MAX_WORKERS)))
      : null;
  }
  return shared ?? undefined;
}
