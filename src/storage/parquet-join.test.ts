import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ParsedColumn } from '../parsers/cycler-parser.js';
import { columnTypes, joinParquetFiles, readParquetFooter } from './parquet-join.js';
import { duckdbConnection, quoteString, SERIES_ROW_GROUP_ROWS, writeSeriesParquet } from './series-store.js';

const dir = mkdtempSync(join(tmpdir(), 'parquet-join-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const provenance = { sourceSha256: 'cd'.repeat(32), parser: 'arbin-csv', parserVersion: '1.0.0' };

function series(from: number, rows: number): ParsedColumn[] {
  const col = (name: string, f: (i: number) => number): ParsedColumn => ({ name, unit: null, originalName: name, originalUnit: null, values: Float64Array.from({ length: rows }, (_, k) => f(from + k)) });
  return [
    col('Test Time / s', (i) => i * 0.25),
    col('Voltage / V', (i) => (i % 997 === 0 ? NaN : 3 + Math.sin(i / 777))),
    col('Cycle Count / 1', (i) => 1 + Math.floor(i / 50_000)),
  ];
}

describe('joining Parquet files byte for byte', () => {
  it('reads back as the two files one after the other: values, nulls, types, statistics and row groups', async () => {
    const a = join(dir, 'a.parquet');
    const b = join(dir, 'b.parquet');
    const joined = join(dir, 'joined.parquet');
    const whole = join(dir, 'whole.parquet');
    const rowsA = SERIES_ROW_GROUP_ROWS + 12_345;
    const rowsB = 40_001;
    await writeSeriesParquet(series(0, rowsA), provenance, a);
    await writeSeriesParquet(series(rowsA, rowsB), provenance, b);
    await writeSeriesParquet(series(0, rowsA + rowsB), provenance, whole);
    const out = await joinParquetFiles(a, b, joined, { 'liionsden.parser': 'arbin-csv', 'liionsden.source_sha256': 'ef'.repeat(32) });
    expect(out.rowGroups).toBe(3);
    const con = await duckdbConnection();
    const rows = async (path: string) => (await con.runAndReadAll(`select * from read_parquet(${quoteString(path)})`)).getRows();
    expect(await rows(joined)).toEqual(await rows(whole));
    // Row-group statistics still serve range filters (DuckDB prunes with them) and the footer says what it should.
    const filtered = (await con.runAndReadAll(`select count(*)::int, min("Test Time / s") from read_parquet(${quoteString(joined)}) where "Cycle Count / 1" >= 4`)).getRows()[0];
    expect(filtered).toEqual([rowsA + rowsB - 150_000, 150_000 * 0.25]);
    const footer = await readParquetFooter(joined);
    expect(Number(footer.metadata.num_rows)).toBe(rowsA + rowsB);
    expect(Object.fromEntries(columnTypes(footer.metadata))).toEqual({ 'Test Time / s': 'DOUBLE', 'Voltage / V': 'DOUBLE', 'Cycle Count / 1': 'INT32' });
    const kv = (await con.runAndReadAll(`select decode(key), decode(value) from parquet_kv_metadata(${quoteString(joined)})`)).getRows();
    expect(kv).toEqual([['liionsden.parser', 'arbin-csv'], ['liionsden.source_sha256', 'ef'.repeat(32)]]);
  });

  it('refuses files of different schemas', async () => {
    const a = join(dir, 'c.parquet');
    const b = join(dir, 'd.parquet');
    await writeSeriesParquet(series(0, 10), provenance, a);
    const fractional = series(0, 10).map((c) => (c.name === 'Cycle Count / 1' ? { ...c, values: c.values.map((v) => v + 0.5) } : c));
    await writeSeriesParquet(fractional, provenance, b); // Cycle Count no longer whole: DOUBLE
    await expect(joinParquetFiles(a, b, join(dir, 'e.parquet'), {})).rejects.toThrow(/different schemas/);
  });
});
