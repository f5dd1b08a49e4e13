import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { TableReader } from '../common/table-reader.js';
import { createParallelTableReader } from './parallel-table-reader.js';
import { createTableWorkerPool } from './table-worker-pool.js';

/** The compiled worker beside this module (dist/parsers/parallel/); absent when running from TypeScript sources. */
export const TABLE_WORKER_URL = new URL('./table-worker.js', import.meta.url);
/**
 * Logical cores below which tables stay on one thread. On the project's 2-vCPU machines two busy
 * threads each run 1.3–1.9× slower than one alone (measured: bench/README.md, text parse), so the
 * copies and the join make two threads slower than one; from 3 cores on, the work is shared.
 */
const MIN_CORES = 3;
// This thread reads ranges too, so at most one worker per other core.
const MAX_WORKERS = 3;

let shared: TableReader | null | undefined;

/**
 * The process's table reader over worker threads (one pool, created on first use, workers
 * started only when a table is big enough), or undefined (tables read in the calling thread) on
 * fewer than MIN_CORES cores or where table-worker.js is not built.
 */
export function defaultTableReader(): TableReader | undefined {
  if (shared === undefined) {
    const cores = availableParallelism();
    shared = cores >= MIN_CORES && existsSync(fileURLToPath(TABLE_WORKER_URL))
      ? createParallelTableReader(createTableWorkerPool(TABLE_WORKER_URL, Math.min(cores - 1, MAX_WORKERS)))
      : null;
  }
  return shared ?? undefined;
}
