import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../cycler-parser.js';
import { arbinXlsxParser } from './xlsx.parser.js';

const dir = '../shared/fixtures/arbin';
const read = (name: string) => new Uint8Array(readFileSync(`${dir}/${name}`));
const MITS = 'bs542_004_gr_li_50ua_50mv_1v_191020_Channel_11.xlsx';

describe('arbin Excel parser', () => {
  it('detects Arbin workbooks from the sheet names in the head, not other workbooks', () => {
    expect(arbinXlsxParser.detect({ fileName: 'a.xlsx', head: read(MITS).subarray(0, 65536) })).toBe(0.9);
    expect(arbinXlsxParser.detect({ fileName: 'a.xlsx', head: read('mock_data_001.xlsx').subarray(0, 65536) })).toBe(0.9);
    expect(arbinXlsxParser.detect({ fileName: 'a.xlsx', head: new Uint8Array(readFileSync('../shared/fixtures/maccor/maccor_example_new.xlsx')).subarray(0, 65536) })).toBe(0);
  });

  it('MITS Pro export: Channel_11_1 (4 526 rows) with Global_Info metadata and Excel dates', async () => {
    const r = await arbinXlsxParser.parse({ fileName: MITS, bytes: read(MITS) });
    expect(r.rows).toBe(4526);
    const col = (n: string) => r.columns.find((c) => c.name === n)!.values;
    expect(col('Test Time / s')[0]).toBe(1.001);
    expect(col('Voltage / V')[0]).toBeCloseTo(2.637298583984375, 12);
    expect(col('Charging Capacity / Ah').at(-1)).toBeCloseTo(0.005702702794224024, 12);
    expect(col('Cycle Vendor / 1').at(-1)).toBe(1);
    // Date_Time 44123.48040025347 (Excel serial, local) = 2020-10-19 11:31:46.582.
    expect(col('Unix Time / s')[0]).toBeCloseTo(Date.UTC(2020, 9, 19, 11, 31, 46, 582) / 1000, 2);
    expect(r.metadata).toMatchObject({ channel: 11, startTime: '2020-10-19T11:33:31.000', software: 'PV7.0 Build: 180508USB', creator: 'ben', sheets: ['Channel_11_1'] });
    expect(r.counters.capacity).toBe('per-cycle');
  });

  it('SQL table export (mock): 29 rows, Cycle_ID/Step_ID as cycle and step, tick dates', async () => {
    const r = await arbinXlsxParser.parse({ fileName: 'mock_data_001.xlsx', bytes: read('mock_data_001.xlsx') });
    expect(r.rows).toBe(29);
    const col = (n: string) => r.columns.find((c) => c.name === n)!;
    expect(col('Cycle Vendor / 1').originalName).toBe('Cycle_ID');
    expect(col('Step Index / 1').values.at(-1)).toBe(3);
    expect(col('Unix Time / s').values[0]).toBeCloseTo(1656695298.4409, 3);
    expect(col('Voltage / V').values.at(-1)).toBe(2.998678);
    expect(r.metadata).toMatchObject({ layout: 'sql-export', testName: 'test_001', channel: 12 });
  });

  it('refuses a workbook without Arbin data sheets', async () => {
    const bytes = new Uint8Array(readFileSync('../shared/fixtures/maccor/maccor_example_new.xlsx'));
    await expect(arbinXlsxParser.parse({ fileName: 'm.xlsx', bytes })).rejects.toBeInstanceOf(ParseError);
  });
});
