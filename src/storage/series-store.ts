import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ParsedColumn } from '../parsers/cycler-parser.js';
import type { BlobStore } from './blob-store.js';
import { PlainParquetWriter } from './plain-parquet.js';
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
  const names = uniqueColumnNames(columns);
  // `types`: those of a stored series this one continues (the caller checked that int32 columns still fit).
  const integer = types ? types.map((t) => t === 'int32') : columns.map((c) => isInt32Column(c.values));
  return withLocalTempFile('.stage.parquet', async (stage) => {
    const writer = new PlainParquetWriter(stage, names);
    try {
      writer.add(columns.map((c) => c.values));
    } catch (err) {
      writer.close();
      throw err;
    }
    writer.finish();
    return copyStagedSeries(await duckdbConnection(), stage, { staged: names, integer, keep: columns }, provenance, outPath);
  });
}

/** Which staged columns go into a series file, in output order: staged names, INTEGER or DOUBLE, descriptors. */
export interface StagedSelection {
  staged: readonly string[];
  integer: readonly boolean[];
  keep: readonly Omit<ParsedColumn, 'values'>[];
}

/**
 * Copies a staging file (PlainParquetWriter: DOUBLE columns, NaN = missing) into a series file: NaN → null,
 * whole-number columns cast to INTEGER, under the keep columns' unique names. Values only pass through
 * DuckDB's Parquet reader: no appender, no table (ADR 0004; bench/README.md "Ingest end to end").
 */
export async function copyStagedSeries(con: DuckDBConnection, stagePath: string, sel: StagedSelection, provenance: SeriesProvenance, outPath: string): Promise<{ sizeBytes: number }> {
  const names = uniqueColumnNames(sel.keep);
  const select = sel.staged.map((s, i) => {
    const v = quoteIdent(s);
    return `cast(case when isnan(${v}) then null else ${v} end as ${sel.integer[i] ? 'integer' : 'double'}) as ${quoteIdent(names[i])}`;
  });
  await con.run(`copy (select ${select.join(', ')} from read_parquet(${quoteString(stagePath)})) to ${quoteString(outPath)} (${seriesCopyOptions(sel.keep, names, provenance)})`);
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
