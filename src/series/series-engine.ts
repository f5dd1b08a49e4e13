import { CanonicalColumn } from '../domain/canonical-columns.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { createColumnCache, type CachedColumn, type ColumnCache } from './column-cache.js';
import { withDuckDb } from './duckdb.js';
import { countParquetRows, describeParquet, readParquetColumns } from './parquet-columns.js';
import { localSeriesPath, type SeriesFileDeps } from './series-file.js';

/** What the series endpoints need: where files are, and the decoded-column cache. */
export interface SeriesEngine extends SeriesFileDeps {
  cache: ColumnCache;
  files: Map<string, Promise<SeriesHandle>>;
}

/** One stored series file as opened for queries. */
export interface SeriesHandle {
  /** Cache identity: blob key and size (a re-processed file gets new bytes). */
  fileKey: string;
  path: string;
  rowCount: number;
  columnNames: string[];
  /** Reads one whole column instead of the Parquet at `path` (a joined chain of files, joined-series.ts). */
  readColumn?: (name: string) => Promise<Float64Array>;
}

/** Default cache budget: a handful of 10-million-row files' worth of plotted columns. */
export const DEFAULT_CACHE_BYTES = 1024 ** 3;

export function createSeriesEngine(deps: SeriesFileDeps, cacheBytes = DEFAULT_CACHE_BYTES): SeriesEngine {
  return { ...deps, cache: createColumnCache(cacheBytes), files: new Map() };
}

/** Opens (once per key and size) the Parquet file behind a data file's series key. */
export async function openSeries(engine: SeriesEngine, seriesKey: string): Promise<SeriesHandle> {
  const { path, sizeBytes } = await localSeriesPath(engine, seriesKey);
  const fileKey = `${seriesKey}#${sizeBytes}`;
  let handle = engine.files.get(fileKey);
  if (!handle) {
    handle = withDuckDb(async (conn) => ({
      fileKey,
      path,
      rowCount: await countParquetRows(conn, path),
      columnNames: (await describeParquet(conn, path)).map((c) => c.name),
    }));
    engine.files.set(fileKey, handle);
    handle.catch(() => engine.files.delete(fileKey));
  }
  return handle;
}

/** Decoded columns (from the cache, or read in one pass), in the order asked. */
export async function loadColumns(engine: SeriesEngine, handle: SeriesHandle, names: readonly string[]): Promise<CachedColumn[]> {
  for (const name of names) {
    if (!handle.columnNames.includes(name)) {
      throw new ValidationError(`No column '${name}' in this data file`, [{ field: 'columns', message: `unknown column '${name}'; available: ${handle.columnNames.join(', ')}` }]);
    }
  }
  const missing = [...new Set(names.filter((n) => !engine.cache.get(handle.fileKey, n)))];
  const loaded = new Map<string, CachedColumn>();
  if (missing.length > 0) {
    // One stream per column, side by side: DuckDB decodes on its threads while JS copies the
    // previous chunk, about twice as fast as one stream of all columns (bench/README.md).
    const read = handle.readColumn ?? ((n: string) => withDuckDb(async (conn) => (await readParquetColumns(conn, handle.path, [n], handle.rowCount))[0]));
    const arrays = await Promise.all(missing.map(read));
    missing.forEach((n, i) => loaded.set(n, engine.cache.put(handle.fileKey, n, arrays[i])));
  }
  return names.map((n) => {
    const column = loaded.get(n) ?? engine.cache.get(handle.fileKey, n);
    if (!column) throw new NotFoundError('Column', n);
    return column;
  });
}

/**
 * Test time as a non-decreasing key for binary search: the time itself, or its running
 * maximum when the file has time going backwards (a quality flag, not a reason to fail).
 */
export async function loadTimeKey(engine: SeriesEngine, handle: SeriesHandle): Promise<{ time: Float64Array; key: Float64Array }> {
  const [time] = await loadColumns(engine, handle, [CanonicalColumn.TestTime]);
  let key = timeKeys.get(time.values);
  if (!key) {
    key = runningMaximum(time.values);
    timeKeys.set(time.values, key);
  }
  return { time: time.values, key };
}

// Keyed by the decoded time array, so a key lives exactly as long as its column stays cached.
const timeKeys = new WeakMap<Float64Array, Float64Array>();

function runningMaximum(t: Float64Array): Float64Array {
  let monotonic = true;
  for (let i = 1; i < t.length && monotonic; i++) if (!(t[i] >= t[i - 1])) monotonic = false;
  if (monotonic) return t;
  const key = new Float64Array(t.length);
  let max = -Infinity;
  for (let i = 0; i < t.length; i++) {
    if (t[i] > max) max = t[i];
    key[i] = max;
  }
  return key;
}
