import { joinTableChunks, readTable } from '../common/table-reader.js';
import type { TableReader } from '../common/table-reader.js';
import { splitRowRanges } from '../common/table-ranges.js';
import { createRangeScanner, estimateRows } from '../common/table-scan.js';
import type { TableChunk } from '../common/table-scan.js';
import { toFieldSpecs } from './field-readers.js';
import type { TableWorkerPool } from './table-worker-pool.js';

/** Rows below which a thread is not worth its start-up and copies. */
export const MIN_ROWS_PER_THREAD = 200_000;
/** Ranges per thread: small enough that a thread slowed by other load hands its share to the others. */
const RANGES_PER_THREAD = 8;
/** Ranges a worker holds at once, so it never waits for this thread to notice it finished one. */
const RANGES_IN_FLIGHT = 2;
/** Bytes this thread reads between looks at the workers' answers. */
const STEP_BYTES = 1 << 21;

/**
 * A TableReader for big tables: the rows are cut at line boundaries into ranges; this thread
 * reads them from the front into columns sized for the whole table, while the pool's workers take
 * ranges from the back (two at a time each, a new one as each finishes), until they meet. The
 * columns are joined in file order, so values, errors (absolute line numbers) and warnings are
 * exactly readTable's, and a worker that gets little CPU (a busy machine) only does less of the
 * work. Tables under two threads' worth of rows, and tables with a field reader the workers cannot
 * rebuild, are read in this thread alone.
 */
export function createParallelTableReader(pool: TableWorkerPool, minRowsPerThread = MIN_ROWS_PER_THREAD): TableReader {
  return async (opts) => {
    const { bytes, start } = opts;
    const end = opts.end ?? bytes.length;
    const fields = toFieldSpecs(opts.fields);
    const rowsEstimate = estimateRows(bytes, start, end);
    const threads = Math.min(pool.size + 1, Math.floor(rowsEstimate / minRowsPerThread));
    if (!fields || threads < 2) return readTable(opts);
    const ranges = splitRowRanges(bytes, start, end, threads * RANGES_PER_THREAD);
    if (ranges.length < 2) return readTable(opts);

    let front = 0;
    let back = ranges.length;
    let failure: unknown;
    const tail: TableChunk[] = [];
    const running = new Set<Promise<void>>();
    const total = end - start;
    let workerBytes = 0;
    const handOut = (): void => {
      if (failure !== undefined || back <= front + 1) return;
      const k = --back;
      const r = ranges[k];
      const task: Promise<void> = pool.scan(opts, fields, copyRange(bytes, r.start, r.end)).then(
        (chunk) => { tail[k] = chunk; workerBytes += r.end - r.start; running.delete(task); handOut(); },
        (err: unknown) => { failure ??= err; running.delete(task); },
      );
      running.add(task);
    };
    for (let k = 0; k < (threads - 1) * RANGES_IN_FLIGHT; k++) handOut();

    // Room for every row, so the workers' rows are appended rather than all copied into new arrays.
    const head = createRangeScanner(opts, opts.fields, bytes, start, end, rowsEstimate);
    while (front < back && failure === undefined) {
      const stop = ranges[front].end;
      if (!head.scanTo(Math.min(stop, head.pos + STEP_BYTES))) break; // a bad field: the first error in the file
      if (head.pos >= stop) front++;
      opts.onProgress?.((head.pos - start + workerBytes) / total);
      await new Promise<void>((resolve) => setImmediate(resolve)); // let finished workers take the next range
    }
    back = front; // nothing more to hand out
    while (running.size > 0) await Promise.race(running);
    if (failure !== undefined) throw failure;
    const chunk = head.finish();
    return joinTableChunks(opts, chunk.error ? [chunk] : [chunk, ...tail.slice(front)]);
  };
}

/** A copy with its own buffer, to transfer (Buffer#slice would share the caller's memory). */
function copyRange(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  out.set(bytes.subarray(start, end));
  return out;
}
