import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalBlobStore } from '../storage/local-blob-store.js';
import { createSeriesEngine, loadColumns, openSeries, type SeriesEngine, type SeriesHandle } from './series-engine.js';
import { writeSyntheticSeries } from './series-fixture.js';
import { querySeries } from './series-query.js';

const V = 'Voltage / V';
const I = 'Current / A';
const T = 'Test Time / s';

describe('querySeries (M4 over a stored Parquet series)', () => {
  let dir: string;
  let engine: SeriesEngine;
  let handle: SeriesHandle;
  const rows = 200_000;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'series-'));
    const file = join(dir, 'in.parquet');
    await writeSyntheticSeries(file, { rows, rowsPerCycle: 7200 });
    const blobStore = createLocalBlobStore(join(dir, 'files'));
    await blobStore.putFile('series/1/v1.parquet', file);
    engine = createSeriesEngine({ blobStore, dataDir: dir });
    handle = await openSeries(engine, 'series/1/v1.parquet');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the footer: row count and BDF column names', () => {
    expect(handle.rowCount).toBe(rows);
    expect(handle.columnNames).toContain(V);
  });

  it('returns every row when the window holds no more than maxPoints', async () => {
    const r = await querySeries(engine, handle, { columns: [V], fromS: 1000, toS: 4999, maxPoints: 4000 });
    expect(r.downsampled).toBe(false);
    expect(r.rows).toBe(4000);
    expect(Array.from(r.columns.get(T)!.subarray(0, 3))).toEqual([1000, 1001, 1002]);
  });

  it('keeps at most maxPoints rows and every pixel column’s first, last, min and max', async () => {
    const maxPoints = 1000;
    const r = await querySeries(engine, handle, { columns: [V, I], maxPoints });
    expect(r.downsampled).toBe(true);
    expect(r.rows).toBeLessThanOrEqual(maxPoints);
    const [time, volts, amps] = await loadColumns(engine, handle, [T, V, I]);
    const buckets = Math.floor(maxPoints / 6);
    const width = (rows - 1) / buckets;
    const bucketOf = (t: number) => Math.min(buckets - 1, Math.floor(t / width));
    // Brute force over all rows: per bucket, the extreme values of each column.
    const want = Array.from({ length: buckets }, () => ({ vMin: Infinity, vMax: -Infinity, iMin: Infinity, iMax: -Infinity, first: Infinity, last: -Infinity }));
    for (let k = 0; k < rows; k++) {
      const w = want[bucketOf(time.values[k])];
      w.vMin = Math.min(w.vMin, volts.values[k]);
      w.vMax = Math.max(w.vMax, volts.values[k]);
      w.iMin = Math.min(w.iMin, amps.values[k]);
      w.iMax = Math.max(w.iMax, amps.values[k]);
      w.first = Math.min(w.first, time.values[k]);
      w.last = Math.max(w.last, time.values[k]);
    }
    const got = Array.from({ length: buckets }, () => ({ v: [] as number[], i: [] as number[], t: [] as number[] }));
    const t = r.columns.get(T)!;
    for (let k = 0; k < r.rows; k++) {
      const g = got[bucketOf(t[k])];
      g.v.push(r.columns.get(V)![k]);
      g.i.push(r.columns.get(I)![k]);
      g.t.push(t[k]);
    }
    want.forEach((w, b) => {
      expect(Math.min(...got[b].v)).toBe(w.vMin);
      expect(Math.max(...got[b].v)).toBe(w.vMax);
      expect(Math.min(...got[b].i)).toBe(w.iMin);
      expect(Math.max(...got[b].i)).toBe(w.iMax);
      expect(got[b].t[0]).toBe(w.first);
      expect(got[b].t[got[b].t.length - 1]).toBe(w.last);
    });
    for (let k = 1; k < r.rows; k++) expect(t[k]).toBeGreaterThan(t[k - 1]);
  });

  it('keeps the global extremes for any window and maxPoints', async () => {
    for (const [fromS, toS, maxPoints] of [[0, 199_999, 50], [12_345, 98_765, 333], [150_000, 160_000, 4000]]) {
      const r = await querySeries(engine, handle, { columns: [V], fromS, toS, maxPoints });
      const [time, volts] = await loadColumns(engine, handle, [T, V]);
      let min = Infinity;
      let max = -Infinity;
      for (let k = 0; k < rows; k++) {
        if (time.values[k] < fromS || time.values[k] > toS) continue;
        min = Math.min(min, volts.values[k]);
        max = Math.max(max, volts.values[k]);
      }
      const v = r.columns.get(V)!;
      expect(r.rows).toBeLessThanOrEqual(maxPoints);
      expect(Math.min(...v)).toBe(min);
      expect(Math.max(...v)).toBe(max);
      expect(r.columns.get(T)![0]).toBe(fromS);
      expect(r.columns.get(T)![r.rows - 1]).toBe(toS);
    }
  });

  it('restricts to chosen cycles', async () => {
    const r = await querySeries(engine, handle, { columns: [V, 'Cycle Count / 1'], cycles: [2, 5], maxPoints: 100_000 });
    expect(r.downsampled).toBe(false);
    expect(r.rows).toBe(2 * 7200);
    expect(new Set(r.columns.get('Cycle Count / 1'))).toEqual(new Set([2, 5]));
  });

  it('answers 400 for an unknown column', async () => {
    await expect(querySeries(engine, handle, { columns: ['Nope / V'], maxPoints: 10 })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
