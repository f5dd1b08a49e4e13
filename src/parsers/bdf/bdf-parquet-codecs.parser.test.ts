import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata } from 'hyparquet';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanonicalColumn as C } from '../../domain/canonical-columns.js';
import { writeSeriesParquet } from '../../storage/series-store.js';
import type { ParseResult } from '../cycler-parser.js';
import { findColumn } from '../normalise/columns.js';
import { bdfParquetParser } from './bdf-parquet.parser.js';

const ROWS = 5000; // > 2 row groups of 2048, so every codec is read across group boundaries

// Rows i = 0..ROWS-1: 0.01 h apart, charge (+1000 mA) then discharge, voltage missing every 50th row from row 7.
const expectedHours = (i: number) => i * 0.01;
const expectedCurrentA = (i: number) => (i < ROWS / 2 ? 1 : -1);
const expectedVoltageV = (i: number) => (i % 50 === 7 ? NaN : 3 + (i % 100) / 100);

const SELECT = `select
  i::double * 0.01::double as "Test Time / h",
  case when i < ${ROWS / 2} then 1000.0::double else -1000.0::double end as "Current / mA",
  case when i % 50 = 7 then null else 3::double + (i % 100)::double / 100::double end as "Voltage / V",
  case when i < ${ROWS / 2} then 'charge' else 'discharge' end as "Step Type / 1",
  1::integer as "Cycle Count / 1"
from range(${ROWS}) t(i)`;

let dir: string;
let duckdb: DuckDBInstance;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bdf-parquet-'));
  duckdb = await DuckDBInstance.create(':memory:', { threads: '1' });
});
afterAll(async () => {
  duckdb?.closeSync();
  await rm(dir, { recursive: true, force: true });
});

/** A BDF Parquet file written by DuckDB with this codec. */
async function writeWithDuckDb(codec: string): Promise<Uint8Array> {
  const path = join(dir, `${codec}.parquet`);
  const con = await duckdb.connect();
  try {
    await con.run(`copy (${SELECT}) to '${path}' (format parquet, compression ${codec}, row_group_size 2048)`);
  } finally {
    con.closeSync();
  }
  return new Uint8Array(await readFile(path));
}

function codecsOf(bytes: Uint8Array): string[] {
  const { row_groups } = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return [...new Set(row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)))] as string[];
}

function expectColumn(result: ParseResult, name: string, expected: (i: number) => number, scale = 1): void {
  const values = findColumn(result, name)!.values;
  expect(values).toHaveLength(ROWS);
  let mismatches = 0;
  for (let i = 0; i < ROWS; i++) {
    const want = expected(i) * scale;
    if (Number.isNaN(want) ? !Number.isNaN(values[i]) : Math.abs(values[i] - want) > 1e-9 * Math.max(1, Math.abs(want))) mismatches++;
  }
  expect(mismatches, `${name}: values that differ from what was written`).toBe(0);
}

describe('BDF Parquet compression codecs', () => {
  // DuckDB's 'lz4' writes LZ4_RAW; Hadoop-framed LZ4 has no writer here.
  it.each([
    ['zstd', 'ZSTD'], ['snappy', 'SNAPPY'], ['gzip', 'GZIP'], ['brotli', 'BROTLI'], ['lz4_raw', 'LZ4_RAW'], ['uncompressed', 'UNCOMPRESSED'],
  ])('reads a DuckDB file compressed with %s', async (codec, parquetCodec) => {
    const bytes = await writeWithDuckDb(codec);
    expect(codecsOf(bytes)).toEqual([parquetCodec]);
    const result = await bdfParquetParser.parse({ fileName: `${codec}.parquet`, bytes });
    expect(result.rows).toBe(ROWS);
    expectColumn(result, C.TestTime, expectedHours, 3600);
    expectColumn(result, C.Current, expectedCurrentA);
    expectColumn(result, C.Voltage, expectedVoltageV);
    expect(findColumn(result, C.Current)!.originalUnit).toBe('mA');
  });

  it('reads back a series file as the platform stores and exports it (zstd)', async () => {
    const path = join(dir, 'series.parquet');
    const time = Float64Array.from({ length: ROWS }, (_, i) => i * 36);
    const voltage = Float64Array.from({ length: ROWS }, (_, i) => expectedVoltageV(i));
    const current = Float64Array.from({ length: ROWS }, (_, i) => expectedCurrentA(i));
    const column = (name: string, unit: string, values: Float64Array) => ({ name, unit, originalName: name, originalUnit: unit, values });
    await writeSeriesParquet(
      [column(C.TestTime, 's', time), column(C.Voltage, 'V', voltage), column(C.Current, 'A', current)],
      { sourceSha256: '0'.repeat(64), parser: 'test', parserVersion: '1' },
      path,
    );
    const bytes = new Uint8Array(await readFile(path));
    expect(codecsOf(bytes)).toEqual(['ZSTD']);
    const result = await bdfParquetParser.parse({ fileName: 'series.parquet', bytes });
    expect(result.rows).toBe(ROWS);
    expectColumn(result, C.TestTime, (i) => i * 36);
    expectColumn(result, C.Voltage, expectedVoltageV);
    expectColumn(result, C.Current, expectedCurrentA);
  });
});
