import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import type { ParsedColumn } from '../parsers/cycler-parser.js';
import type { BlobStore } from './blob-store.js';
import { withLocalTempFile } from './temp-file.js';

/** Rows per Parquet row group: small enough that a plot window reads a few groups, large enough to compress well. */
export const SERIES_ROW_GROUP_ROWS = 131_072;

/** Key-value metadata written into every series file (Parquet footer), under these keys. */
export const SeriesMetadataKey = {
  sourceSha256: 'liionsden.source_sha256',
  parser: 'liionsden.parser',
  parserVersion: 'liionsden.parser_version',
  /** JSON array of {name, unit, originalName, originalUnit}, in column order. */
  columns: 'liionsden.columns',
} as const;

export interface SeriesProvenance {
  sourceSha256: string;
  parser: string;
  parserVersion: string;
}

/** Where a data file's series lives: one object per ingest job, so a retried job overwrites its own half-written file. */
export function seriesKeyFor(dataFileId: number, jobId: number): string {
  return `series/${dataFileId}/job-${jobId}.parquet`;
}

let connection: Promise<DuckDBConnection> | undefined;

/** One embedded DuckDB per process (in memory), used to write and read Parquet. */
export function duckdbConnection(): Promise<DuckDBConnection> {
  connection ??= DuckDBInstance.create(':memory:', { threads: '2', preserve_insertion_order: 'true' }).then((i) => i.connect());
  return connection;
}

export const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;
export const quoteString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Column names made unique (a repeated header gets ' (2)', ' (3)' ...), as written to Parquet. */
export function uniqueColumnNames(columns: readonly Pick<ParsedColumn, 'name'>[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? c.name : `${c.name} (${n})`;
  });
}

/**
 * zstd level for series files. Without bloom filters (below) zstd's default level 3 stores the synthetic
 * Arbin series in 19.66 bytes/row; level 12 saves 2 % more and doubles the write (ADR 0004).
 */
const ZSTD_LEVEL = 3;

/**
 * Writes columns (one Float64Array each, NaN = missing → Parquet null) to a Parquet file with BDF names:
 * whole-number columns (indexes, counters, step types, integer-second clocks) as INTEGER, the rest DOUBLE;
 * Parquet format version 2 encodings (delta for integers, byte-stream-split for doubles), zstd,
 * SERIES_ROW_GROUP_ROWS rows per group, provenance and units in the footer metadata. Readers cast to
 * DOUBLE (`readParquetColumns`), so the stored integer type is invisible to the API.
 */
export async function writeSeriesParquet(columns: readonly ParsedColumn[], provenance: SeriesProvenance, outPath: string, types?: readonly ('int32' | 'double')[]): Promise<{ sizeBytes: number }> {
  const con = await duckdbConnection();
  const table = `series_${randomUUID().replaceAll('-', '')}`;
  const names = uniqueColumnNames(columns);
  // `types`: those of a stored series this one continues (the caller checked that int32 columns still fit).
  const integer = types ? types.map((t) => t === 'int32') : columns.map((c) => isInt32Column(c.values));
  await con.run(`create temp table ${table} (${names.map((n, i) => `${quoteIdent(n)} ${integer[i] ? 'integer' : 'double'}`).join(', ')})`);
  try {
    await appendColumns(con, table, columns, integer);
    await con.run(`copy ${table} to ${quoteString(outPath)} (${seriesCopyOptions(columns, names, provenance)})`);
  } finally {
    await con.run(`drop table if exists ${table}`);
  }
  return { sizeBytes: (await stat(outPath)).size };
}

/** The COPY … TO options of a series file: format, compression, row groups and the footer metadata. */
export function seriesCopyOptions(columns: readonly Omit<ParsedColumn, 'values'>[], names: readonly string[], provenance: SeriesProvenance): string {
  const meta = {
    [SeriesMetadataKey.sourceSha256]: provenance.sourceSha256,
    [SeriesMetadataKey.parser]: provenance.parser,
    [SeriesMetadataKey.parserVersion]: provenance.parserVersion,
    [SeriesMetadataKey.columns]: JSON.stringify(columns.map((c, i) => ({ name: names[i], unit: c.unit, originalName: c.originalName, originalUnit: c.originalUnit }))),
  };
  const kv = Object.entries(meta).map(([k, v]) => `${quoteIdent(k)}: ${quoteString(v)}`).join(', ');
  // No bloom filters: they serve equality lookups on dictionary-encoded columns, which the series never
  // gets (windows of time and ranges of cycles, served by row-group statistics); they were 0.7 bytes/row.
  return `format parquet, compression zstd, compression_level ${ZSTD_LEVEL}, write_bloom_filter false, parquet_version 'V2', row_group_size ${SERIES_ROW_GROUP_ROWS}, kv_metadata {${kv}}`;
}

/** Every value a whole number in int32 range, or NaN (missing); -0 counts as 0. At least one value present. */
export function isInt32Column(values: Float64Array): boolean {
  return int32Kind(values) === 'int32';
}

/** 'int32' when every value present is a whole number in int32 range, 'empty' when none is present, else 'double'. */
export function int32Kind(values: Float64Array): 'int32' | 'empty' | 'double' {
  let any = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if ((v | 0) !== v) return 'double';
    any = true;
  }
  return any ? 'int32' : 'empty';
}

const CHUNK_ROWS = 2048;

// Copies each 2,048-row slice of the typed arrays straight into one reused DuckDB chunk (a memcpy per
// column; int columns through one Int32Array), missing values as a validity mask.
async function appendColumns(con: DuckDBConnection, table: string, columns: readonly ParsedColumn[], integer: readonly boolean[]): Promise<void> {
  const appender = await con.createAppender(table);
  appendColumnsTo(appender, columns, integer);
  appender.closeSync();
}

/** Appends the columns' rows through an open appender (the caller flushes and closes it). */
export function appendColumnsTo(appender: DuckDBAppender, columns: readonly ParsedColumn[], integer: readonly boolean[]): void {
  const rows = columns[0]?.values.length ?? 0;
  const chunk = DuckDBDataChunk.create(integer.map((i) => (i ? INTEGER : DOUBLE)));
  const ints = new Int32Array(CHUNK_ROWS);
  const doubles = new Float64Array(CHUNK_ROWS);
  const validity = new Uint8Array(CHUNK_ROWS / 8);
  for (let offset = 0; offset < rows; offset += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, rows - offset);
    duckdb.data_chunk_reset(chunk.chunk);
    columns.forEach((column, c) => {
      const vector = duckdb.data_chunk_get_vector(chunk.chunk, c);
      const part = column.values.subarray(offset, offset + n);
      if (integer[c]) {
        for (let i = 0; i < n; i++) ints[i] = part[i];
        duckdb.copy_data_to_vector(vector, 0, ints.buffer, 0, n * 4);
      } else if (part.buffer instanceof ArrayBuffer) {
        duckdb.copy_data_to_vector(vector, 0, part.buffer, part.byteOffset, n * 8);
      } else {
        doubles.set(part); // a column on shared memory (worker threads): through an owned buffer
        duckdb.copy_data_to_vector(vector, 0, doubles.buffer, 0, n * 8);
      }
      const firstMissing = indexOfNaN(part);
      if (firstMissing >= 0) {
        validity.fill(0xff);
        for (let i = firstMissing; i < n; i++) if (part[i] !== part[i]) validity[i >> 3] &= ~(1 << (i & 7));
        duckdb.vector_ensure_validity_writable(vector);
        duckdb.copy_data_to_vector_validity(vector, 0, validity.buffer, 0, Math.ceil(n / 64) * 8);
      }
    });
    duckdb.data_chunk_set_size(chunk.chunk, n);
    appender.appendDataChunk(chunk);
  }
}

/** Index of the first NaN (a missing value), or -1. A plain loop: `some(Number.isNaN)` calls out per value (≈ 0.15 s per 1M × 23 columns). */
function indexOfNaN(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) return i;
  return -1;
}

/** Writes the series to a local temporary file, then stores it under `key` (replacing any earlier attempt's object). */
export async function storeSeries(store: BlobStore, key: string, columns: readonly ParsedColumn[], provenance: SeriesProvenance): Promise<{ sizeBytes: number }> {
  return withLocalTempFile('.parquet', async (path) => {
    const written = await writeSeriesParquet(columns, provenance, path);
    await store.putFile(key, path);
    return written;
  });
}

/**
 * Runs `fn` with a local path to a stored series file, for engines that read files (DuckDB read_parquet).
 * Local store: the file itself. S3: a temporary download, removed afterwards.
 */
export async function withLocalSeriesFile<T>(store: BlobStore, key: string, fn: (path: string) => Promise<T>): Promise<T> {
  const direct = store.localPath?.(key);
  if (direct) return fn(direct);
  return withLocalTempFile('.parquet', async (path) => {
    await pipeline(await store.getStream(key), createWriteStream(path));
    return fn(path);
  });
}
