import { describe, expect, it } from 'vitest';
import { CanonicalColumn as C } from '../../domain/canonical-columns.js';
import { StepType } from '../../domain/step-types.js';
import type { CounterMode, ParsedColumn, ParseResult } from '../cycler-parser.js';
import { findColumn } from './columns.js';
import { normalise } from './normalise.js';

const col = (name: string, values: number[]): ParsedColumn => ({ name, unit: name.split(' / ')[1], originalName: name, originalUnit: null, values: Float64Array.from(values) });

/** Two cycles at 1 s: charge 1 A for 3600 s, rest 10 s, discharge 0.5 A for 3600 s, rest 10 s. */
function synthetic() {
  const t: number[] = [], i: number[] = [], v: number[] = [], step: number[] = [], cyc: number[] = [];
  const stepAh: number[] = [], net: number[] = [], chgTotal: number[] = [], dchTotal: number[] = [];
  let time = 0, q = 0, sAh = 0, ct = 0, dt = 0;
  for (let c = 0; c < 2; c++) {
    const phases: [number, number, number][] = [[1, 3600, 1], [0, 10, 2], [-0.5, 3600, 3], [0, 10, 4]];
    for (const [current, n, s] of phases) {
      sAh = 0;
      for (let k = 0; k < n; k++) {
        time += 1;
        const dq = current / 3600;
        q += dq; sAh += Math.abs(dq);
        if (dq > 0) ct += dq; else dt -= dq;
        t.push(time); i.push(current); v.push(3.5 + q * 0.1); step.push(s); cyc.push(c);
        stepAh.push(sAh); net.push(q); chgTotal.push(ct); dchTotal.push(dt);
      }
    }
  }
  return { t, i, v, step, cyc, stepAh, net, chgTotal, dchTotal };
}

function result(columns: ParsedColumn[], capacity: CounterMode): ParseResult {
  return { format: 'test', parserVersion: '1', rows: columns[0].values.length, columns, metadata: {}, warnings: [], counters: { capacity, energy: 'none' } };
}

function cycleMax(r: ParseResult, name: string): number[] {
  const cyc = findColumn(r, C.CycleCount)!.values;
  const vals = findColumn(r, name)!.values;
  const out: number[] = [];
  for (let k = 0; k < cyc.length; k++) out[cyc[k] - 1] = Math.max(out[cyc[k] - 1] ?? 0, vals[k]);
  return out;
}

describe('normalise', () => {
  const s = synthetic();
  const base = [col(C.TestTime, s.t), col(C.Current, s.i), col(C.Voltage, s.v)];

  it('converts per-step counters (one Amp-hr, direction from current) to per-cycle charge/discharge', () => {
    const charge = s.stepAh.map((a, k) => (s.i[k] > 0 ? a : 0));
    const discharge = s.stepAh.map((a, k) => (s.i[k] < 0 ? a : 0));
    const r = normalise(result([...base, col(C.CycleVendor, s.cyc), col(C.StepIndex, s.step), col(C.ChargingCapacity, charge), col(C.DischargingCapacity, discharge)], 'per-step'), 'x.txt');
    expect(cycleMax(r, C.ChargingCapacity).map((x) => +x.toFixed(6))).toEqual([1, 1]);
    expect(cycleMax(r, C.DischargingCapacity).map((x) => +x.toFixed(6))).toEqual([0.5, 0.5]);
    expect(r.counters).toEqual({ capacity: 'per-cycle', energy: 'per-cycle' });
    expect(findColumn(r, C.StepCount)!.values.at(-1)).toBe(8);
    expect(findColumn(r, C.RecordIndex)!.values.at(-1)).toBe(s.t.length);
  });

  it('converts a signed net counter and running totals', () => {
    const a = normalise(result([...base, col(C.NetCapacity, s.net)], 'signed-net'), 'x');
    const b = normalise(result([...base, col(C.ChargingCapacity, s.chgTotal), col(C.DischargingCapacity, s.dchTotal)], 'running-total'), 'x');
    for (const r of [a, b]) {
      expect(cycleMax(r, C.ChargingCapacity).map((x) => +x.toFixed(3))).toEqual([1, 1]);
      expect(cycleMax(r, C.DischargingCapacity).map((x) => +x.toFixed(3))).toEqual([0.5, 0.5]);
    }
  });

  it('integrates current when there are no counters, and derives cycles and step types from current', () => {
    const r = normalise(result(base, 'none'), 'x');
    expect(cycleMax(r, C.ChargingCapacity).map((x) => +x.toFixed(3))).toEqual([1, 1]);
    expect(cycleMax(r, C.DischargingCapacity).map((x) => +x.toFixed(3))).toEqual([0.5, 0.5]);
    expect(cycleMax(r, C.ChargingEnergy)[0]).toBeGreaterThan(3.5);
    const types = findColumn(r, C.StepType)!.values;
    expect([types[0], types[3605], types[3700]]).toEqual([StepType.CCCharge, StepType.Rest, StepType.CCDischarge]);
    expect(findColumn(r, C.StepCount)!.values.at(-1)).toBe(8);
  });

  it('makes a time axis that restarts (resumed test) monotonic and keeps the original', () => {
    const t = s.t.map((x, k) => (k >= 5000 ? x - 4000 : x));
    const r = normalise(result([col(C.TestTime, t), base[1], base[2]], 'none'), 'x');
    const tt = findColumn(r, C.TestTime)!.values;
    for (let k = 1; k < tt.length; k++) expect(tt[k]).toBeGreaterThanOrEqual(tt[k - 1]);
    expect(tt[5000] - tt[4999]).toBe(1);
    expect(findColumn(r, 'Test Time (original) / s')!.values[5000]).toBe(1001);
    expect(r.warnings.map((w) => w.code)).toContain('TIME_NOT_MONOTONIC');
  });

  it('renumbers vendor cycles from 1 without decreasing, also when they restart', () => {
    const vendor = s.cyc.map((c, k) => (k < 100 ? 0 : k < 7000 ? 5 : 1));
    const r = normalise(result([...base, col(C.CycleVendor, vendor)], 'none'), 'x');
    const cyc = findColumn(r, C.CycleCount)!.values;
    expect([cyc[0], cyc[100], cyc[7000], cyc.at(-1)]).toEqual([1, 2, 3, 3]);
  });

  it('fails naming the format when voltage is missing', () => {
    expect(() => normalise(result([base[0], base[1]], 'none'), 'f.csv')).toThrow(/f\.csv \(test\): no voltage column/);
  });
});
