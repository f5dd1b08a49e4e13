import XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { CanonicalColumn as C } from '../../domain/canonical-columns.js';
import { findColumn } from '../normalise/columns.js';
import { parseFile } from '../parse-file.js';
import { landtParser } from './landt.parser.js';

const hms = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

/** A workbook written from the documented layout: 'Test Info' + split 'Record' sheets, title row above the header. */
function workbook(): Uint8Array {
  const header = ['Record', 'Cycle', 'Step', 'TestTime', 'StepTime', 'SysTime', 'Voltage/V', 'Current/mA', 'Capacity/mAh', 'Energy/mWh'];
  const rows: (string | number)[][] = [];
  for (let k = 0; k <= 120; k++) {
    const charge = k <= 60;
    const stepT = charge ? k * 60 : (k - 60) * 60;
    const current = k === 0 ? 0 : charge ? 100 : -100;
    const cap = (100 * stepT) / 3600;
    rows.push([k + 1, 1, charge ? 1 : 2, hms(k * 60), hms(stepT), `2024-02-13 10:${String(k % 60).padStart(2, '0')}:00`, 3.6 + (charge ? k : 120 - k) * 0.005, current, cap, cap * 3.7]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Test Info'], ['Channel', 3]]), 'Test Info');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['LANHE record export'], header, ...rows.slice(0, 70)]), 'Record');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['LANHE record export'], header, ...rows.slice(70)]), 'Record1');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

describe('Landt Excel (unverified)', () => {
  it('joins the Record sheets, converts mA/mAh and splits the per-step capacity by current sign', async () => {
    expect(landtParser.verified).toBe(false);
    const bytes = workbook();
    expect(landtParser.detect({ fileName: 'cell_LANHE.xlsx', head: bytes.subarray(0, 65536) })).toBeGreaterThan(0.5);
    const { result, cycles } = await parseFile({ fileName: 'cell_LANHE.xlsx', bytes, format: 'landt-excel' });
    expect(result.rows).toBe(121);
    expect(result.metadata.sheets).toEqual(['Record', 'Record1']);
    expect(findColumn(result, C.TestTime)!.values[120]).toBe(7200);
    expect(findColumn(result, C.Current)!.values[1]).toBeCloseTo(0.1, 12);
    expect(findColumn(result, C.UnixTime)!.values[0]).toBe(Date.UTC(2024, 1, 13, 10) / 1000);
    expect(cycles).toHaveLength(1);
    expect(cycles[0].chargeCapacityAh).toBeCloseTo(0.1, 9);
    expect(cycles[0].dischargeCapacityAh).toBeCloseTo(0.1, 9);
    expect(cycles[0].chargeEnergyWh).toBeCloseTo(0.37, 9);
  });
});
