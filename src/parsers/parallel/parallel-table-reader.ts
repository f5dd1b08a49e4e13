import { joinTableChunks, readTable } from '../common/table-reader.js';
import type { TableReader } from '../common/table-reader.js';
import { splitRowRanges } from '../common/table-ranges.js';
import { estimateRows, scanTableRange } from '../common/table-scan.js';
import { toFieldSpecs } from './field-readers.js';
import type { TableWorkerPool } from './table-worker-pool.js';

/** Rows below which a byte range is not worth a worker thread (start-up and copies cost more). */
export const MIN_ROWS_PER_RANGE = 200_000;

/**
 * A TableReader that cuts the rows at line boundaries into min(pool size + 1, rows /
 * minRowsPerRange) byte ranges, reads the first in this thread and the others on the pool's
 * workers at the same time, and joins the columns in file order: the same values, errors
 * (absolute line numbers) and warnings as readTable. Small tables, and tables with a field
 * reader the workers cannot rebuild, are read in this thread alone.
 */
export function createParallelTableReader(pool: TableWorkerPool, minRowsPerRange = MIN_ROWS_PER_RANGE): TableReader {
  return async (opts) => {
    const end = opts.end ?? opts.bytes.length;
    const fields = toFieldSpecs(opts.fields);
    const parts = Math.min(pool.size + 1, Math.floor(estimateRows(opts.bytes, opts.start, end) / minRowsPerRange));
    if (!fields || parts < 2) return readTable(opts);
    const [first, ...rest] = splitRowRanges(opts.bytes, opts.start, end, parts);
    if (rest.length === 0) return readTable(opts);
    const total = end - opts.start;
    let bytesDone = 0;
    const progress = (n: number): void => { bytesDone += n; opts.onProgress?.(bytesDone / total); };
    // Posted before this thread starts on the first range, so the workers run alongside it.
    const others = rest.map(async (r) => {
      const chunk = await pool.scan(opts, fields, copyRange(opts.bytes, r.start, r.end));
      progress(r.end - r.start);
      return chunk;
    });
    let head;
    try {
      // Room for every row, so the workers' rows are appended rather than all copied into new arrays.
      head = scanTableRange(opts, opts.fields, opts.bytes, first.start, first.end, { reserveRows: estimateRows(opts.bytes, opts.start, end) });
    } catch (err) {
      for (const p of others) p.catch(() => undefined); // the first failure is the one to report
      throw err;
    }
    progress(first.end - first.start);
    return joinTableChunks(opts, [head, ...(await Promise.all(others))]);
  };
}

/** A copy with its own buffer, to transfer (Buffer#slice would share the caller's memory). */
function copyRange(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  out.set(bytes.subarray(start, end));
  return out;
}
