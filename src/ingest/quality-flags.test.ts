import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../parsers/cycler-parser.js';
import { computeQualityFlags, QualityScan } from './quality-flags.js';

function series(cols: Record<string, number[]>): ParseResult {
  const rows = Object.values(cols)[0].length;
  return {
    format: 'test',
    parserVersion: '1',
    rows,
    columns: Object.entries(cols).map(([name, v]) => ({ name, unit: null, originalName: name, originalUnit: null, values: Float64Array.from(v) })),
    metadata: {},
    warnings: [],
    counters: { capacity: 'per-cycle', energy: 'per-cycle' },
  };
}

describe('computeQualityFlags', () => {
  it('finds nothing in a clean series', () => {
    const n = 50;
    const r = series({
      'Test Time / s': Array.from({ length: n }, (_, i) => i),
      'Voltage / V': Array.from({ length: n }, (_, i) => 3 + i / 100),
      'Current / A': Array(n).fill(1),
      'Cycle Count / 1': Array(n).fill(1),
      'Charging Capacity / Ah': Array.from({ length: n }, (_, i) => i / 3600),
    });
    expect(computeQualityFlags(r, { minV: 2.5, maxV: 4.2 }).flags).toEqual([]);
  });

  it('flags time going back, gaps, duplicates, odd counter resets, voltage outside the window and NaN runs, per cycle', () => {
    const t = Array.from({ length: 40 }, (_, i) => i);
    t[5] = 3; // backwards
    t[20] = 10_000;
    for (let i = 21; i < 40; i++) t[i] = 10_000 + i; // gap at row 20
    const v = Array.from({ length: 40 }, () => 3.5);
    const c = Array(40).fill(1);
    t[31] = t[30]; // duplicate of row 30 (same V and I)
    v[12] = 4.5; // over U_max
    for (let i = 33; i < 40; i++) c[i] = Number.NaN;
    const i2 = Array(40).fill(0);
    for (let i = 33; i < 40; i++) i2[i] = Number.NaN;
    const cycle = t.map((_, i) => (i < 20 ? 1 : 2));
    const q = t.map((_, i) => (i === 25 ? 0 : i / 100)); // falls inside a step
    const r = series({ 'Test Time / s': t, 'Voltage / V': v, 'Current / A': [...c.slice(0, 30), ...Array(10).fill(Number.NaN)], 'Cycle Count / 1': cycle, 'Charging Capacity / Ah': q });
    const { flags, perCycle } = computeQualityFlags(r, { minV: 2.5, maxV: 4.2 });
    const byCode = Object.fromEntries(flags.map((f) => [f.code, f]));
    expect(byCode.time_backwards).toMatchObject({ count: 1, firstRow: 5, cycles: [1] });
    expect(byCode.time_gap).toMatchObject({ count: 1, firstRow: 20, cycles: [2] });
    expect(byCode.voltage_out_of_window).toMatchObject({ count: 1, firstRow: 12 });
    expect(byCode.counter_reset).toMatchObject({ firstRow: 25, cycles: [2] });
    expect(byCode.nan_run).toMatchObject({ count: 1, firstRow: 30 });
    expect(perCycle.get(1)).toMatchObject({ time_backwards: 1, voltage_out_of_window: 1 });
    expect(computeQualityFlags(r).flags.some((f) => f.code === 'voltage_out_of_window')).toBe(false);

    // The same rows seen in blocks (a streamed ingest) give the same flags, whatever the split.
    const window = { minV: 2.5, maxV: 4.2 };
    const whole = computeQualityFlags(r, window);
    for (const cuts of [[1], [5, 6, 31], [20], [33, 35], [10, 20, 30]]) {
      const scan = new QualityScan(window, 1);
      let from = 0;
      for (const to of [...cuts, r.rows]) {
        scan.add({ rows: to - from, columns: r.columns.map((c) => ({ ...c, values: c.values.subarray(from, to) })) });
        from = to;
      }
      const split = scan.result();
      expect(split.flags).toEqual(whole.flags);
      expect([...split.perCycle]).toEqual([...whole.perCycle]);
    }
  });

  it('flags a repeated record', () => {
    const r = series({ 'Test Time / s': [0, 1, 1, 2], 'Voltage / V': [3, 3.1, 3.1, 3.2], 'Current / A': [1, 1, 1, 1] });
    expect(computeQualityFlags(r).flags).toMatchObject([{ code: 'duplicate_records', count: 1, firstRow: 2 }]);
  });
});
