import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureLoader, col, first, last, utc } from '../../../tests/setup/parser-golden.js';
import { ParseError } from '../cycler-parser.js';
import { pecParser } from './pec.parser.js';

const load = fixtureLoader('pec');

describe('PEC CSV (golden)', () => {
  it('Test25205: 45-line preamble, hh:mm:ss total time, V/A with mAh/mWh counters', async () => {
    const r = await pecParser.parse({ fileName: 'Test25205.csv', bytes: load('Test25205.csv') });
    expect(r.rows).toBe(489);
    expect(r.counters).toEqual({ capacity: 'per-cycle', energy: 'per-cycle' });
    expect(col(r, 'Test Time / s')).toMatchObject({ originalName: 'Total Time (Hours in hh:mm:ss.xxx)', unit: 's' });
    expect(first(r, 'Test Time / s')).toBeCloseTo(0.002, 9);
    expect(last(r, 'Test Time / s')).toBeCloseTo(19 * 3600 + 41 * 60 + 58.98, 6);
    expect(last(r, 'Step Time / s')).toBe(68338.301);
    expect(first(r, 'Voltage / V')).toBe(3.6824952);
    expect(last(r, 'Discharging Capacity / Ah')).toBeCloseTo(0.000021, 12);
    expect(last(r, 'Discharging Energy / Wh')).toBeCloseTo(0.00008, 12);
    expect(first(r, 'Unix Time / s')).toBe(utc('2026-01-08T17:45:08'));
    expect(col(r, 'Temperature T1 / degC').values[1]).toBe(19.26);
    expect(r.columns.some((c) => c.name === 'Rack')).toBe(false); // text column dropped
    expect(r.metadata).toMatchObject({ testId: '25205', procedure: 'OCV generic long HP', startTime: '2026-01-08T17:40:39.000', zoneUnknown: true });
  });

  it('Test25195: tiny file', async () => {
    const r = await pecParser.parse({ fileName: 'Test25195.csv', bytes: load('Test25195.csv') });
    expect(r.rows).toBe(19);
    expect(first(r, 'Current / A')).toBe(-8e-6);
    expect(last(r, 'Test Time / s')).toBeCloseTo(162.363, 9);
  });

  it('reads the old units (mV, mA, seconds, energy labelled capacity)', async () => {
    const text = [
      'Request Year:,2019', 'Test:,187', 'Start Time:,02/22/2019 16:21:35', 'End Time:,1/1/0001 0:00',
      'Test,Cell,Rack,Shelf,Position,Cell ID,Step,Cycle,Total Time (Seconds),Step Time (Seconds),Real Time,Voltage (mV),Current (mA),Charge Capacity (mAh),Discharge Capacity (mAh),Charge Capacity (mWh),Discharge Capacity (mWh)',
      '187,1,R1,1,1,X,1,1,0,0,02/22/2019 16:21:35,3650.5,1500,0,0,0,0',
      '187,1,R1,1,1,X,1,1,10,10,02/22/2019 16:21:45,3660.5,1500,4.1667,0,15.2,0',
    ].join('\r\n');
    const r = await pecParser.parse({ fileName: 'old.csv', bytes: new TextEncoder().encode(text) });
    expect(r.rows).toBe(2);
    expect(last(r, 'Voltage / V')).toBeCloseTo(3.6605, 12);
    expect(last(r, 'Current / A')).toBeCloseTo(1.5, 12);
    expect(last(r, 'Charging Capacity / Ah')).toBeCloseTo(0.0041667, 12);
    expect(col(r, 'Charging Energy / Wh').originalName).toBe('Charge Capacity (mWh)');
    expect(last(r, 'Charging Energy / Wh')).toBeCloseTo(0.0152, 12);
    expect(r.metadata.unfinished).toBe(true);
  });

  it('detects PEC, refuses others, reports bad values with line and column', async () => {
    expect(pecParser.detect({ fileName: 'Test25195.csv', head: load('Test25195.csv') })).toBeGreaterThan(0.5);
    expect(pecParser.detect({ fileName: 'a.csv', head: new Uint8Array(readFileSync('../shared/fixtures/arbin/arbin.csv')) })).toBe(0);
    const text = new TextDecoder().decode(load('Test25195.csv')).replace('3.5689608', '3.56x');
    const err = await pecParser.parse({ fileName: 'bad.csv', bytes: new TextEncoder().encode(text) }).catch((e) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect(err.message).toMatch(/line 49, field 'Voltage \(V\)'/);
  });
});
