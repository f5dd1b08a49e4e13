import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../parsers/parse-file.js';
import type { ParseResult } from '../parsers/cycler-parser.js';
import { computeQualityFlags, QualityScan, type QualityFlag } from './quality-flags.js';

const fixture = (path: string) => new Uint8Array(readFileSync(`../shared/fixtures/${path}`));

async function mismatchOf(fileName: string, bytes: Uint8Array): Promise<QualityFlag | undefined> {
  const { result } = await parseFile({ fileName, bytes });
  return computeQualityFlags(result).flags.find((f) => f.code === 'capacity_mismatch');
}

/** The Arbin CSV (it starts inside a test, 0.88 Ah already charged) with its Charge_Capacity column multiplied by `factor` (a counter read with the wrong scale). */
function arbinWithChargeCounterTimes(factor: number): Uint8Array {
  const [header, ...lines] = readFileSync('../shared/fixtures/arbin/arbin_example.csv', 'utf8').trimEnd().split('\n');
  const k = header.split(',').indexOf('Charge_Capacity');
  const scaled = lines.map((line) => {
    const cells = line.split(',');
    cells[k] = String(Number(cells[k]) * factor);
    return cells.join(',');
  });
  return new TextEncoder().encode([header, ...scaled].join('\n') + '\n');
}

function series(cols: Record<string, number[]>): ParseResult {
  const rows = Object.values(cols)[0].length;
  const columns = Object.entries(cols).map(([name, v]) => ({ name, unit: null, originalName: name.replace(' (vendor)', ''), originalUnit: null, values: Float64Array.from(v) }));
  return { format: 'test', parserVersion: '1', rows, columns, metadata: {}, warnings: [], counters: { capacity: 'per-cycle', energy: 'per-cycle' } };
}

/** The capacity_mismatch flags of a series (its few rows also make time-gap flags, not looked at here). */
function mismatchesOf(r: ParseResult) {
  const { flags, perCycle } = computeQualityFlags(r);
  return { flags: flags.filter((f) => f.code === 'capacity_mismatch'), perCycle };
}

describe('capacity cross-check', () => {
  // One or more real files per counter family: per-cycle and per-step counters, signed Maccor
  // counters, files that start inside a test, and an extract with hours of rows left out.
  it.each([
    'arbin/arbin_example.csv', 'arbin/sample_data_arbin.csv', 'arbin/20160805_test001_45_cc_01.res',
    'maccor/maccor_two.txt', 'maccor/PredictionDiagnostics_000151_test.052', 'maccor/maccor_example.xls',
    'biologic/jdb11-1_c3_gcpl_5cycles_2V-3p8V_C-24_data_C09.mpr', 'neware/test.ndax', 'novonix/sample_data_novonix.csv',
    'pec/Test25205.csv', 'batteryarchive/CALCE_CX2-33_prism_LCO_25C_0-100_0.5-0.5C_d_timeseries.csv',
  ])('does not flag the real file %s', async (path) => {
    expect(await mismatchOf(path.split('/')[1], fixture(path))).toBeUndefined();
  });

  it('flags a counter 5 % off and names both figures', async () => {
    const flag = await mismatchOf('arbin_example.csv', arbinWithChargeCounterTimes(1.05));
    expect(flag).toBeDefined();
    expect(flag!.message).toMatch(/charge capacity: the cycler's counter gives [\d.]+ Ah but ∫I·dt of the current gives [\d.]+ Ah \(4\.\d % apart/);
    const [, counter, integral] = flag!.message.match(/gives ([\d.]+) Ah but .* gives ([\d.]+) Ah/)!.map(Number);
    expect(counter / integral).toBeCloseTo(1.05, 2);
  });

  it('does not flag a counter 1 % off (inside the tolerance)', async () => {
    expect(await mismatchOf('arbin_example.csv', arbinWithChargeCounterTimes(1.01))).toBeUndefined();
  });

  // A counter that keeps counting from CC into CV, read as one that restarts at each step: the
  // canonical counter jumps by the whole CC charge at the step change, far more than the current allows.
  const cccv = (jumpAh: number) => series({
    'Test Time / s': [0, 3600, 3601, 7200],
    'Current / A': [1, 1, 0.5, 0.5],
    'Cycle Count / 1': [1, 1, 1, 1],
    'Step Count / 1': [1, 1, 2, 2],
    'Charging Capacity / Ah': [0, 1, 1 + jumpAh + 0.5 / 3600, 1 + jumpAh + 0.5],
    'Discharging Capacity / Ah': [0, 0, 0, 0],
    'Charging Capacity (vendor) / Ah': [0, 1, 1.0001, 1.5],
  });

  it('flags a counter that jumps at a step change by more than the current can pass', () => {
    const { flags, perCycle } = mismatchesOf(cccv(1));
    expect(flags).toMatchObject([{ code: 'capacity_mismatch', count: 1, firstRow: 0, cycles: [1] }]);
    expect(flags[0].message).toContain('counter gives 2.500 Ah but ∫I·dt of the current gives 1.500 Ah');
    expect(perCycle.get(1)).toMatchObject({ capacity_mismatch: 1 });
    expect(mismatchesOf(cccv(0)).flags).toEqual([]);
  });

  it('gives the same flag when the rows come in blocks, or resumed from a snapshot', () => {
    const r = cccv(1);
    const whole = mismatchesOf(r).flags;
    const part = (from: number, to: number) => ({ rows: to - from, columns: r.columns.map((c) => ({ ...c, values: c.values.subarray(from, to) })) });
    const first = new QualityScan({ minV: null, maxV: null }, 1);
    first.add(part(0, 2));
    const resumed = QualityScan.resume({ minV: null, maxV: null }, 1, first.snapshot());
    resumed.add(part(2, 4));
    expect(resumed.result().flags.filter((f) => f.code === 'capacity_mismatch')).toEqual(whole);
  });

  it('leaves files whose capacity is integrated (no vendor counter) alone', () => {
    const r = cccv(1);
    const integrated = { ...r, columns: r.columns.filter((c) => !c.name.includes('(vendor)')) };
    expect(mismatchesOf(integrated).flags).toEqual([]);
  });
});
