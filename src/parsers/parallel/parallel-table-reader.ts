import { joinTableChunks, readTable } from '../common/table-reader.js';
import type { TableReader } from '../common/table-reader.js';
import { splitRowRanges } from '../common/table-ranges.js';
import { estimateRows } from '../common/table-scan.js';
import { toFieldSpecs } from './field-readers.js';
import type { TableWorkerPool } from './table-worker-pool.js';

/** Rows below which a byte range is not worth a worker thread (start-up and copies cost more). */
export const MIN_ROWS_PER_RANGE = 200_000;

/**
 * A TableReader that cuts the rows at line boundaries into min(pool size, rows / minRowsPerRange)
 * byte ranges, reads them on the pool's workers and joins the columns in file order: the same
 * values, errors (absolute line numbers) and warnings as readTable. Small tables, and tables with
 * a field reader the workers cannot rebuild, are read in this thread.
 */
export function createParallelTableReader(pool: TableWorkerPool, minRowsPerRange = MIN_ROWS_PER_RANGE): TableReader {
  return async (opts) => {
    const end = opts.end ?? opts.bytes.length;
    const fields = toFieldSpecs(opts.fields);
    const parts = Math.min(pool.size, Math.floor(estimateRows(opts.bytes, opts.start, end) / minRowsPerRange));
    if (!fields || parts < 2) return readTable(opts);
    const ranges = splitRowRanges(opts.bytes, opts.start, end, parts);
    if (ranges.length < 2) return readTable(opts);
    let bytesDone = 0;
    const chunks = await Promise.all(ranges.map(async (r) => {
      const chunk = await pool.scan(opts, fields, copyRange(opts.bytes, r.start, r.end));
      bytesDone += r.end - r.start;
      opts.onProgress?.(bytesDone / (end - opts.start));
      return chunk;
    }));
    return joinTableChunks(opts, chunks);
  };
}

/** A copy with its own buffer, to transfer (Buffer#slice would share the caller's memory). */
function copyRange(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  out.set(bytes.subarray(start, end));
  return out;
}
