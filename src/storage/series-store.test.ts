import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ParsedColumn } from '../parsers/cycler-parser.js';
import { readAll } from './blob-store.js';
import { createLocalBlobStore } from './local-blob-store.js';
import { readParquetColumns } from '../series/parquet-columns.js';
import { duckdbConnection, isInt32Column, SERIES_ROW_GROUP_ROWS, SeriesMetadataKey, storeSeries, withLocalSeriesFile } from './series-store.js';

const dir = mkdtempSync(join(tmpdir(), 'liionsden-series-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function column(name: string, unit: string | null, originalName: string, values: Float64Array): ParsedColumn {
  return { name, unit, originalName, originalUnit: unit, values };
}

describe('series store (Parquet)', () => {
  const rows = 300_000;
  const time = Float64Array.from({ length: rows }, (_, i) => i * 0.5);
  const voltage = Float64Array.from({ length: rows }, (_, i) => 3 + Math.sin(i / 1000));
  voltage[7] = Number.NaN;
  const columns = [
    column('Test Time / s', 's', 'Test_Time(s)', time),
    column('Voltage / V', 'V', 'Voltage(V)', voltage),
    column('Aux "odd" header', null, 'Aux "odd" header', new Float64Array(rows).fill(1)),
    column('Aux "odd" header', null, 'Aux "odd" header', new Float64Array(rows).fill(2)),
  ];

  it('writes BDF-named zstd Parquet with provenance metadata that DuckDB reads back exactly', async () => {
    const store = createLocalBlobStore(join(dir, 'files'));
    const key = 'series/1/job-1.parquet';
    const { sizeBytes } = await storeSeries(store, key, columns, { sourceSha256: 'ab'.repeat(32), parser: 'arbin-csv', parserVersion: '1.2.0' });
    expect(await store.size(key)).toBe(sizeBytes);
    const con = await duckdbConnection();
    await withLocalSeriesFile(store, key, async (path) => {
      const src = `read_parquet('${path}')`;
      const agg = (await con.runAndReadAll(`select count(*)::int, count("Voltage / V")::int, sum("Test Time / s"), max("Aux ""odd"" header (2)") from ${src}`)).getRows()[0];
      expect(agg).toEqual([rows, rows - 1, time.reduce((a, b) => a + b, 0), 2]);
      const third = (await con.runAndReadAll(`select "Voltage / V" from ${src} limit 1 offset 3`)).getRows()[0][0];
      expect(third).toBe(voltage[3]);
      const kv = (await con.runAndReadAll(`select decode(key), decode(value) from parquet_kv_metadata('${path}')`)).getRows();
      const meta = Object.fromEntries(kv as [string, string][]);
      expect(meta[SeriesMetadataKey.sourceSha256]).toBe('ab'.repeat(32));
      expect(meta[SeriesMetadataKey.parserVersion]).toBe('1.2.0');
      expect(JSON.parse(meta[SeriesMetadataKey.columns])[1]).toEqual({ name: 'Voltage / V', unit: 'V', originalName: 'Voltage(V)', originalUnit: 'V' });
      const groups = (await con.runAndReadAll(`select distinct row_group_id, row_group_num_rows, compression from parquet_metadata('${path}') order by 1`)).getRows();
      expect(groups[0]).toEqual([0n, BigInt(SERIES_ROW_GROUP_ROWS), 'ZSTD']);
      expect(groups).toHaveLength(Math.ceil(rows / SERIES_ROW_GROUP_ROWS));
    });
    expect((await readAll(store, key, { offset: 0, length: 4 })).toString()).toBe(new Uint8Array(Buffer.from('PAR1')).toString());
  });

  it('stores whole-number columns as INTEGER (missing values as nulls) and reads every column back bit for bit', async () => {
    const n = 5_000;
    const cycle = Float64Array.from({ length: n }, (_, i) => 1 + Math.floor(i / 700));
    cycle[2_100] = Number.NaN;
    const negative = Float64Array.from({ length: n }, (_, i) => -(2 ** 31) + i);
    const almost = Float64Array.from({ length: n }, (_, i) => i);
    almost[4_999] = 2 ** 31; // one value out of int32 range: the column stays DOUBLE
    const current = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? Number.NaN : 0.1 * i));
    const cols = [column('Cycle Index / 1', '1', 'Cycle', cycle), column('Neg / 1', '1', 'Neg', negative), column('Big / 1', '1', 'Big', almost), column('Current / A', 'A', 'I', current)];
    const store = createLocalBlobStore(join(dir, 'files'));
    await storeSeries(store, 'series/2/job-1.parquet', cols, { sourceSha256: 'cd'.repeat(32), parser: 'test', parserVersion: '1' });
    const con = await duckdbConnection();
    await withLocalSeriesFile(store, 'series/2/job-1.parquet', async (path) => {
      const types = (await con.runAndReadAll(`select column_name, column_type from (describe select * from read_parquet('${path}'))`)).getRows();
      expect(types).toEqual([['Cycle Index / 1', 'INTEGER'], ['Neg / 1', 'INTEGER'], ['Big / 1', 'DOUBLE'], ['Current / A', 'DOUBLE']]);
      const back = await readParquetColumns(con, path, cols.map((c) => c.name), n);
      back.forEach((values, i) => expect(values).toEqual(cols[i].values));
    });
  });

  it('calls a column integer only when every present value is a whole int32', () => {
    expect(isInt32Column(Float64Array.of(1, 2, Number.NaN, -3))).toBe(true);
    expect(isInt32Column(Float64Array.of(1, 2.5))).toBe(false);
    expect(isInt32Column(Float64Array.of(2 ** 31))).toBe(false);
    expect(isInt32Column(Float64Array.of(Number.NaN, Number.NaN))).toBe(false);
    expect(isInt32Column(Float64Array.of(Number.POSITIVE_INFINITY))).toBe(false);
  });
});
