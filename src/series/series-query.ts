import { CanonicalColumn } from '../domain/canonical-columns.js';
import { ValidationError } from '../domain/errors.js';
import { lowerBound, selectM4Rows, upperBound, type RowRange } from './m4.js';
import { loadColumns, loadTimeKey, type SeriesEngine, type SeriesHandle } from './series-engine.js';

export interface SeriesQuery {
  columns: string[];
  fromS?: number;
  toS?: number;
  maxPoints: number;
  /** Derived cycle numbers (`Cycle Count / 1`) to keep; all when absent. */
  cycles?: number[];
}

/** Columnar result: `Test Time / s` first, then the asked columns, all of length `rows`. */
export interface SeriesResult {
  columns: Map<string, Float64Array>;
  rows: number;
  downsampled: boolean;
  fromS: number;
  toS: number;
}

/** The asked columns vs test time over a window: every row when ≤ maxPoints, else M4 rows (≤ maxPoints). */
export async function querySeries(engine: SeriesEngine, handle: SeriesHandle, q: SeriesQuery): Promise<SeriesResult> {
  const valueNames = q.columns.filter((c) => c !== CanonicalColumn.TestTime);
  const { time, key } = await loadTimeKey(engine, handle);
  const ys = await loadColumns(engine, handle, valueNames);
  const ranges = await rowRanges(engine, handle, key, q);
  const fromS = q.fromS ?? (ranges.length > 0 ? key[ranges[0].start] : 0);
  const toS = q.toS ?? (ranges.length > 0 ? key[ranges[ranges.length - 1].end - 1] : 0);
  const total = ranges.reduce((n, r) => n + r.end - r.start, 0);
  let rows: Int32Array | null = null;
  if (total > q.maxPoints) {
    // Each pixel column keeps at most 2 + 2k rows (first, last, min and max of each column).
    const buckets = Math.max(1, Math.floor(q.maxPoints / (2 + 2 * valueNames.length)));
    rows = selectM4Rows({ timeS: key, ys, ranges, buckets, fromS, toS: toS > fromS ? toS : fromS + 1 });
  }
  const columns = new Map<string, Float64Array>();
  columns.set(CanonicalColumn.TestTime, gather(time, ranges, rows, total));
  valueNames.forEach((name, i) => columns.set(name, gather(ys[i].values, ranges, rows, total)));
  return { columns, rows: rows ? rows.length : total, downsampled: rows !== null, fromS, toS };
}

/** Row ranges inside [from, to] and, when asked, inside the chosen cycles. */
async function rowRanges(engine: SeriesEngine, handle: SeriesHandle, timeKey: Float64Array, q: SeriesQuery): Promise<RowRange[]> {
  if (q.fromS !== undefined && q.toS !== undefined && q.fromS > q.toS) {
    throw new ValidationError('from must not be after to', [{ field: 'from', message: 'must be ≤ to' }]);
  }
  const start = q.fromS === undefined ? 0 : lowerBound(timeKey, q.fromS);
  const end = q.toS === undefined ? timeKey.length : upperBound(timeKey, q.toS);
  if (!q.cycles) return start < end ? [{ start, end }] : [];
  const [cycle] = await loadColumns(engine, handle, [CanonicalColumn.CycleCount]);
  return cycleRanges(cycle.values, q.cycles)
    .map((r) => ({ start: Math.max(r.start, start), end: Math.min(r.end, end) }))
    .filter((r) => r.start < r.end);
}

/** Rows of each chosen cycle; the derived cycle number never decreases, so each is one run. */
export function cycleRanges(cycleCount: Float64Array, cycles: readonly number[]): RowRange[] {
  return [...new Set(cycles)]
    .sort((a, b) => a - b)
    .map((c) => ({ start: lowerBound(cycleCount, c), end: upperBound(cycleCount, c) }))
    .filter((r) => r.start < r.end);
}

function gather(values: Float64Array, ranges: RowRange[], rows: Int32Array | null, total: number): Float64Array {
  if (rows) {
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
    return out;
  }
  if (ranges.length === 1) return values.slice(ranges[0].start, ranges[0].end);
  const out = new Float64Array(total);
  let offset = 0;
  for (const r of ranges) {
    out.set(values.subarray(r.start, r.end), offset);
    offset += r.end - r.start;
  }
  return out;
}
