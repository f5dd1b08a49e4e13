import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ParsedColumn } from '../parsers/cycler-parser.js';
import { describeParquet, readParquetColumns } from '../series/parquet-columns.js';
import { SeriesSpool } from './series-spool.js';
import { removeOrphanScratch } from './temp-file.js';
import { duckdbConnection, SERIES_ROW_GROUP_ROWS, SeriesMetadataKey, writeSeriesParquet } from './series-store.js';

const dir = mkdtempSync(join(tmpdir(), 'liionsden-spool-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const provenance = { sourceSha256: 'cd'.repeat(32), parser: 'arbin-csv', parserVersion: '1.0.0' };

describe('SeriesSpool', () => {
  const rows = 400_000;
  const col = (name: string, unit: string | null, values: Float64Array): ParsedColumn => ({ name, unit, originalName: name, originalUnit: unit, values });
  const index = Float64Array.from({ length: rows }, (_, i) => i + 1);
  const voltage = Float64Array.from({ length: rows }, (_, i) => 3 + Math.sin(i / 997));
  voltage[123_456] = Number.NaN;
  // Whole numbers until the last block, which has a fraction: the column must end up DOUBLE.
  const late = Float64Array.from({ length: rows }, (_, i) => (i === rows - 3 ? 0.5 : i % 7));
  // Missing in the first blocks, whole numbers later: INTEGER.
  const sparse = Float64Array.from({ length: rows }, (_, i) => (i < 200_000 ? Number.NaN : 2));
  const dropped = new Float64Array(rows);
  const columns = [col('Record Index / 1', '1', index), col('Voltage / V', 'V', voltage), col('Late / 1', '1', late), col('Sparse / 1', '1', sparse), col('Test Time (original) / s', 's', dropped)];
  const keep = columns.slice(0, 4).map(({ values: _v, ...rest }) => rest);

  it('joins blocks of any size into the file writeSeriesParquet writes for the whole series', async () => {
    const writer = new SeriesSpool();
    const cuts = [1, 7, 60_000, 131_071, 131_072, 131_073, 250_000, 399_999, rows];
    let from = 0;
    for (const to of cuts) {
      await writer.add(columns.map((c) => ({ ...c, values: c.values.slice(from, to) })));
      from = to;
    }
    const streamed = join(dir, 'streamed.parquet');
    await writer.finish(keep, provenance, streamed);
    const whole = join(dir, 'whole.parquet');
    await writeSeriesParquet(columns.slice(0, 4), provenance, whole);

    const con = await duckdbConnection();
    expect(await describeParquet(con, streamed)).toEqual(await describeParquet(con, whole));
    expect((await describeParquet(con, streamed)).map((c) => c.type)).toEqual(['INTEGER', 'DOUBLE', 'DOUBLE', 'INTEGER']);
    const names = keep.map((c) => c.name);
    expect(await readParquetColumns(con, streamed, names, rows)).toEqual(await readParquetColumns(con, whole, names, rows));
    const kv = Object.fromEntries((await con.runAndReadAll(`select decode(key), decode(value) from parquet_kv_metadata('${streamed}')`)).getRows() as [string, string][]);
    expect(kv[SeriesMetadataKey.parser]).toBe('arbin-csv');
    expect(JSON.parse(kv[SeriesMetadataKey.columns])).toHaveLength(4);
    const groups = (await con.runAndReadAll(`select distinct row_group_id, row_group_num_rows from parquet_metadata('${streamed}') order by 1`)).getRows();
    expect(groups[0]).toEqual([0n, BigInt(SERIES_ROW_GROUP_ROWS)]);
  });

  it('leaves no spool behind, finished or discarded', async () => {
    const discarded = new SeriesSpool();
    await discarded.add(columns.map((c) => ({ ...c, values: c.values.slice(0, 200_000) })));
    expect(readdirSync(discarded.dir)).toContain('stage.parquet');
    await discarded.discard();
    expect(existsSync(discarded.dir)).toBe(false);
    const finished = new SeriesSpool();
    await finished.add(columns.map((c) => ({ ...c, values: c.values.slice(0, 1000) })));
    await finished.finish(keep, provenance, join(dir, 'small.parquet'));
    expect(existsSync(finished.dir)).toBe(false);
  });

  it('spools a wide series (120 columns: many aux channels) within its memory limit', async () => {
    const spool = new SeriesSpool();
    const width = 120;
    const block = Array.from({ length: width }, (_, k) => col(`Aux ${k} / V`, 'V', Float64Array.from({ length: 4096 }, (_, i) => Math.sin(i / 97 + k))));
    for (let b = 0; b < 80; b++) await spool.add(block);
    const out = join(dir, 'wide.parquet');
    await spool.finish(block.map(({ values: _v, ...rest }) => rest), provenance, out);
    const con = await duckdbConnection();
    expect((await describeParquet(con, out))).toHaveLength(width);
    expect(Number((await con.runAndReadAll(`select count(*) from read_parquet('${out}')`)).getRows()[0][0])).toBe(80 * 4096);
  });

  it('removes the spools and temporary Parquet files of processes that are gone, and keeps those of live ones', async () => {
    const root = join(tmpdir(), 'liionsden-series');
    mkdirSync(root, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const orphan = join(root, `spool-${dead}-test`);
    const live = join(root, `spool-${process.ppid}-test`);
    const orphanParquet = join(root, `${dead}-test.parquet`);
    const liveParquet = join(root, `${process.ppid}-test.parquet`);
    mkdirSync(orphan, { recursive: true });
    mkdirSync(live, { recursive: true });
    writeFileSync(orphanParquet, 'PAR1');
    writeFileSync(liveParquet, 'PAR1');
    try {
      expect(await removeOrphanScratch()).toEqual(expect.arrayContaining([`${dead}-test.parquet`, `spool-${dead}-test`]));
      expect(existsSync(orphan)).toBe(false);
      expect(existsSync(orphanParquet)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(existsSync(liveParquet)).toBe(true);
    } finally {
      for (const p of [orphan, live, orphanParquet, liveParquet]) rmSync(p, { recursive: true, force: true });
    }
  });
});
