import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DOUBLE, DuckDBDataChunk, DuckDBInstance, type DuckDBConnection, type DuckDBDoubleVector } from '@duckdb/node-api';
import type { ParsedColumn } from '../parsers/cycler-parser.js';
import type { BlobStore } from './blob-store.js';

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

const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;
const quoteString = (s: string) => `'${s.replaceAll("'", "''")}'`;

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
 * Writes columns (one Float64Array each, NaN = missing → Parquet null) to a Parquet file: DOUBLE columns
 * with BDF names, zstd, SERIES_ROW_GROUP_ROWS rows per group, provenance and units in the footer metadata.
 */
export async function writeSeriesParquet(columns: readonly ParsedColumn[], provenance: SeriesProvenance, outPath: string): Promise<{ sizeBytes: number }> {
  const con = await duckdbConnection();
  const table = `series_${randomUUID().replaceAll('-', '')}`;
  const names = uniqueColumnNames(columns);
  await con.run(`create temp table ${table} (${names.map((n) => `${quoteIdent(n)} double`).join(', ')})`);
  try {
    await appendColumns(con, table, columns);
    const meta = {
      [SeriesMetadataKey.sourceSha256]: provenance.sourceSha256,
      [SeriesMetadataKey.parser]: provenance.parser,
      [SeriesMetadataKey.parserVersion]: provenance.parserVersion,
      [SeriesMetadataKey.columns]: JSON.stringify(columns.map((c, i) => ({ name: names[i], unit: c.unit, originalName: c.originalName, originalUnit: c.originalUnit }))),
    };
    const kv = Object.entries(meta).map(([k, v]) => `${quoteIdent(k)}: ${quoteString(v)}`).join(', ');
    await con.run(
      `copy ${table} to ${quoteString(outPath)} (format parquet, compression zstd, row_group_size ${SERIES_ROW_GROUP_ROWS}, kv_metadata {${kv}})`,
    );
  } finally {
    await con.run(`drop table if exists ${table}`);
  }
  return { sizeBytes: (await stat(outPath)).size };
}

// Fills DuckDB vectors straight from the typed arrays (a memcpy per chunk); value-by-value appends are ~10× slower.
async function appendColumns(con: DuckDBConnection, table: string, columns: readonly ParsedColumn[]): Promise<void> {
  const rows = columns[0]?.values.length ?? 0;
  const types = columns.map(() => DOUBLE);
  const appender = await con.createAppender(table);
  const chunkRows = 2048;
  for (let offset = 0; offset < rows; offset += chunkRows) {
    const n = Math.min(chunkRows, rows - offset);
    const chunk = DuckDBDataChunk.create(types, n);
    columns.forEach((column, c) => {
      const vector = chunk.getColumnVector(c) as DuckDBDoubleVector;
      const part = column.values.subarray(offset, offset + n);
      // `items` is the vector's own Float64Array (private in the typings); fall back to setItem if that ever changes.
      const items = (vector as unknown as { items?: unknown }).items;
      if (items instanceof Float64Array && items.length === n) items.set(part);
      else for (let i = 0; i < n; i++) vector.setItem(i, part[i]);
      for (let i = 0; i < n; i++) if (Number.isNaN(part[i])) vector.setItem(i, null);
      vector.flush();
    });
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/** Writes the series to a local temporary file, then stores it under `key` (replacing any earlier attempt's object). */
export async function storeSeries(store: BlobStore, key: string, columns: readonly ParsedColumn[], provenance: SeriesProvenance): Promise<{ sizeBytes: number }> {
  const dir = join(tmpdir(), 'liionsden-series');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.parquet`);
  try {
    const written = await writeSeriesParquet(columns, provenance, path);
    await store.putFile(key, path);
    return written;
  } finally {
    await rm(path, { force: true });
  }
}

/**
 * Runs `fn` with a local path to a stored series file, for engines that read files (DuckDB read_parquet).
 * Local store: the file itself. S3: a temporary download, removed afterwards.
 */
export async function withLocalSeriesFile<T>(store: BlobStore, key: string, fn: (path: string) => Promise<T>): Promise<T> {
  const direct = store.localPath?.(key);
  if (direct) return fn(direct);
  const dir = join(tmpdir(), 'liionsden-series');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.parquet`);
  try {
    await pipeline(await store.getStream(key), createWriteStream(path));
    return await fn(path);
  } finally {
    await rm(path, { force: true });
  }
}
