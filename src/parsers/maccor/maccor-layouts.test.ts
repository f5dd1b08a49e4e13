import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { col, first, last, utc } from '../../../tests/setup/parser-golden.js';
import { syntheticExport } from '../../../tests/setup/synthetic-export.js';
import { parseFile } from '../parse-file.js';
import { maccorTextParser } from './maccor-text.parser.js';

/** Synthetic exports modelled on real layouts that are not in ../shared (written by test-files/make-test-files.mjs). */
const load = (name: string) => ({ fileName: name, bytes: new Uint8Array(readFileSync(new URL(`./test-files/${name}`, import.meta.url))) });
const codes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);

describe('maccor text layouts (issue 17)', () => {
  it('an Amp-hr counter that continues from the CC into the CV step gives the true charge per cycle', async () => {
    const truth = JSON.parse(readFileSync(new URL('./test-files/continuing-counters.truth.json', import.meta.url), 'utf8')) as { chargeAh: number; dischargeAh: number }[];
    const raw = await maccorTextParser.parse(load('continuing-counters.034'));
    expect(raw.counters).toEqual({ capacity: 'per-half-cycle', energy: 'per-half-cycle' });
    expect(codes(raw)).toContain('counter-continues');
    const { cycles } = await parseFile({ ...load('continuing-counters.034'), format: 'maccor-txt' });
    expect(cycles).toHaveLength(3);
    cycles.forEach((c, k) => {
      expect(c.chargeCapacityAh).toBeCloseTo(truth[k].chargeAh, 4);
      expect(c.dischargeCapacityAh).toBeCloseTo(truth[k].dischargeAh, 4);
    });
    for (const c of cycles.slice(1)) expect(c.coulombicEfficiency).toBeCloseTo(0.99, 2);
  });

  it('a counter that restarts at every step keeps the per-step reading', async () => {
    const r = await maccorTextParser.parse(syntheticExport('maccor-txt', 'synth.txt', 20_000));
    expect(r.counters).toEqual({ capacity: 'per-step', energy: 'per-step' });
    expect(codes(r)).not.toContain('counter-continues');
  });

  it('SIMBA/WMG layout: Volts in mV and times in minutes are recognised, with warnings', async () => {
    const r = await maccorTextParser.parse(load('simba-mv-minutes.txt'));
    expect(first(r, 'Voltage / V')).toBeCloseTo(3.022, 9);
    expect(col(r, 'Voltage / V')).toMatchObject({ originalName: 'Volts' });
    expect(col(r, 'Test Time / s').values[1]).toBeCloseTo(60, 9);
    expect(col(r, 'Step Time / s').values[1]).toBeCloseTo(60, 9);
    expect(codes(r)).toEqual(expect.arrayContaining(['voltage-in-mv', 'time-in-minutes']));
    expect(r.warnings.find((w) => w.code === 'voltage-in-mv')?.message).toMatch(/Volts.*mV/);
    expect(r.warnings.find((w) => w.code === 'time-in-minutes')?.message).toMatch(/TestTime.*DPT Time/);
  });

  it('DPt Time with the time of day only: the date comes from the preamble, rolling over midnight', async () => {
    const r = await maccorTextParser.parse(load('time-of-day.034'));
    const unix = col(r, 'Unix Time / s').values;
    expect(unix.every((v) => Number.isFinite(v))).toBe(true);
    expect(first(r, 'Unix Time / s')).toBe(utc('2019-12-16T22:30:00'));
    const test = col(r, 'Test Time / s').values;
    for (let i = 0; i < r.rows; i++) expect(unix[i] - unix[0]).toBeCloseTo(test[i] - test[0], 6);
    expect(last(r, 'Unix Time / s')).toBeGreaterThan(utc('2019-12-17T00:00:00'));
    expect(r.metadata.startTime).toBe('2019-12-16T22:30:00.000');
    expect(codes(r)).toContain('date-from-preamble');
  });

  it('an unreadable optional column is dropped with a warning naming it and its first bad line', async () => {
    const r = await maccorTextParser.parse(load('bad-dcir.034'));
    expect(r.rows).toBe(156);
    expect(r.columns.some((c) => c.originalName === 'DCIR/Ohms')).toBe(false);
    const w = r.warnings.find((x) => x.code === 'column-dropped');
    expect(w).toMatchObject({ line: 43 });
    expect(w?.message).toMatch(/DCIR\/Ohms.*-1\.#IND/);
  });
});
