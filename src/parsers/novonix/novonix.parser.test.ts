import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CanonicalColumn as C } from '../../domain/canonical-columns.js';
import { findColumn } from '../normalise/columns.js';
import { parseFile } from '../parse-file.js';
import { novonixParser } from './novonix.parser.js';

const HEADER = 'Date and Time,Cycle Number,Step Type,Run Time (h),Step Time (h),Current (A),Potential (V),Capacity (Ah),Temperature (°C),Circuit Temperature (°C),Energy (Wh),dVdt (V/h),dIdt (A/h),Step Number,Step position,Power(W)';

/** One block of the documented layout: 1 h charge at 1 A, then 1 h discharge at 1 A, every 0.1 h. */
function block(startHour: number, cycle: number): string {
  const rows: string[] = [];
  for (let k = 0; k <= 20; k++) {
    const h = k * 0.1;
    const charging = k <= 10;
    const current = k === 0 ? 0 : charging ? 1 : -1;
    const capacity = charging ? h : 1 - (h - 1);
    const stamp = new Date(Date.UTC(2025, 0, 1) + (startHour + h) * 3600e3).toISOString().slice(0, 19).replace('T', ' ');
    rows.push(`${stamp},${cycle},${charging ? 1 : 2},${h.toFixed(7)},${(charging ? h : h - 1).toFixed(7)},${current},${(3.6 + capacity * 0.4).toFixed(5)},${capacity.toFixed(8)},25.0,25.0,${(capacity * 3.8).toFixed(8)},0,0,${charging ? 1 : 2},0,${current * 3.8}`);
  }
  return ['[Summary]', 'Novonix UHPC data file', 'Novonix', 'Channel: 01', 'Capacity (Ah): 1', `Started: 2025-01-01 00:00:00`, 'Version: 2.13.0', '[End Summary]',
    '[Protocol]', '{"Version":"UHPC Control: 2.13.0"}', '[End Protocol]', '[Data]', HEADER, ...rows].join('\r\n') + '\r\n';
}

describe('Novonix CSV', () => {
  it('parses the UHPC fixture: hours → s, signed capacity, summary metadata', async () => {
    const bytes = readFileSync('../shared/fixtures/novonix/sample_data_novonix.csv');
    expect(novonixParser.detect({ fileName: 'x.csv', head: bytes.subarray(0, 65536) })).toBeGreaterThan(0.9);
    const { result, cycles } = await parseFile({ fileName: 'sample_data_novonix.csv', bytes }, [novonixParser]);
    expect(result.rows).toBe(207);
    const time = findColumn(result, C.TestTime)!;
    expect(time.originalName).toBe('Run Time (h)');
    expect(time.values[1]).toBeCloseTo(0.0003556 * 3600, 9);
    expect(time.values[206]).toBeCloseTo(3.4131889 * 3600, 6);
    expect(findColumn(result, C.Voltage)!.values[206]).toBeCloseTo(4.12864581, 9);
    expect(findColumn(result, C.SurfaceTemperature)!.values[0]).toBeCloseTo(24.644, 9);
    expect(findColumn(result, C.UnixTime)!.values[0]).toBe(Date.UTC(2025, 6, 19, 15, 26, 20) / 1000);
    expect(result.metadata).toMatchObject({ startTime: '2025-07-19 15:26:20', nominalCapacityAh: 5, software: '2.13.0' });
    expect(cycles).toHaveLength(1);
    expect(cycles[0].chargeCapacityAh).toBeCloseTo(1.70652976, 6);
    expect(cycles[0].chargeEnergyWh).toBeCloseTo(6.84854718, 6);
    expect(cycles[0].dischargeCapacityAh).toBe(0);
  });

  it('joins a resumed test (repeated [Summary]...[Data] blocks) on a monotonic time axis', async () => {
    const bytes = new TextEncoder().encode(block(0, 1) + block(3, 2));
    const { result, cycles } = await parseFile({ fileName: 'resumed.csv', bytes }, [novonixParser]);
    expect(result.rows).toBe(42);
    expect(result.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['RESUMED_TEST', 'TIME_NOT_MONOTONIC']));
    const t = findColumn(result, C.TestTime)!.values;
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]);
    expect(findColumn(result, 'Test Time (original) / s')!.values[21]).toBe(0);
    expect(cycles.map((c) => c.vendorCycle)).toEqual([1, 2]);
    for (const c of cycles) {
      expect(c.chargeCapacityAh).toBeCloseTo(1, 6);
      expect(c.dischargeCapacityAh).toBeCloseTo(1, 6);
      expect(c.coulombicEfficiency).toBeCloseTo(1, 6);
    }
  });
});
