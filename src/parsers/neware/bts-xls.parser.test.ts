import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StepType } from '../../domain/step-types.js';
import { ParseError } from '../cycler-parser.js';
import { newareXlsParser } from './bts-xls.parser.js';

const file = '../shared/fixtures/neware/custom_data_003.xls';

describe('neware BTS Excel parser', () => {
  it('reads the Detail sheet of custom_data_003.xls: 2 943 records, 14 cycles', async () => {
    const bytes = new Uint8Array(readFileSync(file));
    expect(newareXlsParser.detect({ fileName: 'custom_data_003.xls', head: bytes.subarray(0, 65536) })).toBeGreaterThan(0);
    const r = await newareXlsParser.parse({ fileName: 'custom_data_003.xls', bytes });
    expect(r.rows).toBe(2943);
    const col = (n: string) => r.columns.find((c) => c.name === n)!.values;
    expect(col('Record Index / 1').at(-1)).toBe(2943);
    expect(col('Cycle Vendor / 1').at(-1)).toBe(14);
    expect(col('Voltage / V')[0]).toBe(2.3304);
    expect(col('Current / A').at(-1)).toBeCloseTo(-1.63e-3, 9);
    expect(col('Step Time / s')[1]).toBe(97);
    // 'CapaCity(mAh)' is unsigned per step: on a CC_DChg step it is discharge capacity.
    expect(col('Step Type / 1').at(-1)).toBe(StepType.CCDischarge);
    expect(col('Discharging Capacity / Ah').at(-1)).toBeCloseTo(1.2106688888888888e-3, 12);
    expect(col('Charging Capacity / Ah').at(-1)).toBe(0);
    // Absolute Time 44336.98354166666 (Excel serial, local) = 2021-05-20 23:36:18.
    expect(col('Unix Time / s')[0]).toBeCloseTo(Date.UTC(2021, 4, 20, 23, 36, 18) / 1000, 0);
    const t = col('Test Time / s');
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]);
    expect(r.metadata).toMatchObject({ channel: '3', barcode: 'M221075', startTime: '2021-05-20T23:36:04.000', cycleMode: 'Charge First' });
  });

  it('refuses a workbook without Detail sheets', async () => {
    await expect(newareXlsParser.parse({ fileName: 'x.xls', bytes: new Uint8Array(readFileSync('../shared/fixtures/maccor/maccor_example.xls')) })).rejects.toBeInstanceOf(ParseError);
  });
});
