import { describe, expect, it } from 'vitest';
import { fixtureLoader, col, first, last, utc } from '../../../tests/setup/parser-golden.js';
import { syntheticExport } from '../../../tests/setup/synthetic-export.js';
import { ParseError } from '../cycler-parser.js';
import { arbinCsvParser } from './arbin-csv.parser.js';

const load = fixtureLoader('arbin');
const parse = (name: string, companion?: string) => arbinCsvParser.parse({
  fileName: name, bytes: load(name), companions: companion ? [{ fileName: companion, bytes: load(companion) }] : undefined,
});

describe('arbin CSV (golden)', () => {
  it('MITS Pro 8 CSV: BOM, spaced headers with units, tab-prefixed MM/DD/YYYY dates', async () => {
    const r = await parse('sample_data_arbin.csv');
    expect(r.rows).toBe(13);
    expect(r.counters).toEqual({ capacity: 'per-cycle', energy: 'per-cycle' });
    expect(col(r, 'Record Index / 1').originalName).toBe('Data Point');
    expect(first(r, 'Unix Time / s')).toBeCloseTo(utc('2024-09-20T08:32:34.558'), 6);
    expect(col(r, 'Test Time / s')).toMatchObject({ originalName: 'Test Time (s)', originalUnit: 's' });
    expect(first(r, 'Test Time / s')).toBe(30.0005);
    expect(last(r, 'Test Time / s')).toBe(301.214);
    expect(last(r, 'Current / A')).toBe(2.650138);
    expect(first(r, 'Voltage / V')).toBe(3.534595);
    expect(last(r, 'Charging Capacity / Ah')).toBe(0.000400839);
    expect(col(r, 'Temperature T1 / degC')).toMatchObject({ originalName: 'Aux_Temperature_1 (C)', originalUnit: 'C' });
    expect(first(r, 'Temperature T1 / degC')).toBe(24.66422);
    expect(last(r, 'Step Index / 1')).toBe(3);
    expect(r.metadata.startTime).toBe('2024-09-20T08:32:34.558');
  });

  it('older MITS Pro CSV: Test_Time(s), YYYY/MM/DD dates, MetaCode and aux columns', async () => {
    const r = await parse('arbin.csv');
    expect(r.rows).toBe(21);
    expect(first(r, 'Unix Time / s')).toBe(utc('2028-07-05T17:36:07'));
    expect(first(r, 'Test Time / s')).toBe(120.0007);
    expect(first(r, 'Voltage / V')).toBe(4.166876);
    expect(first(r, 'Temperature T2 / degC')).toBe(30.55575);
    expect(col(r, 'MetaCode_MV_UD4').values[0]).toBe(4.19999980926514);
    expect(col(r, 'Internal Resistance / ohm').values.every((v) => Number.isNaN(v))).toBe(true);
  });

  it('TRI/BEEP dump with its _Metadata.csv companion: epoch DateTime, CRLF', async () => {
    const r = await parse('FastCharge_000025_CH8.csv', 'FastCharge_000025_CH8_Metadata.csv');
    expect(r.rows).toBe(248);
    expect(first(r, 'Unix Time / s')).toBe(1494645243.4715);
    expect(first(r, 'Test Time / s')).toBe(10.0024);
    expect(last(r, 'Test Time / s')).toBe(1800.0104);
    expect(first(r, 'Temperature T1 / degC')).toBe(30.109268);
    expect(r.metadata).toMatchObject({ testId: 153, channel: 8, schedule: '2017-05-12_TESTS\\20170512-4_4C-80PER_4_4C.SDU', itemId: 'EL150800453116', startTime: '2017-05-13T03:13:34.000' });
  });

  it('TRI dump with empty Step_Index and Cycle_Index columns', async () => {
    const r = await parse('2017-05-09_test-TC-contact_CH33.csv', '2017-05-09_test-TC-contact_CH33_Metadata.csv');
    expect(r.rows).toBe(287);
    expect(col(r, 'Cycle Vendor / 1').values.every((v) => Number.isNaN(v))).toBe(true);
    expect(first(r, 'Current / A')).toBe(6.600444793701172);
    expect(r.warnings.map((w) => w.code)).toContain('empty-column');
    expect(r.metadata).toMatchObject({ testId: 144, channel: 33, schedule: '20170509-6C_1C_36CV.sdu' });
  });

  it('arbin_example.csv: 2 cycles, integer epoch', async () => {
    const r = await parse('arbin_example.csv');
    expect(r.rows).toBe(2142);
    expect([first(r, 'Cycle Vendor / 1'), last(r, 'Cycle Vendor / 1')]).toEqual([1, 2]);
    expect(first(r, 'Unix Time / s')).toBe(1499006353);
    expect(first(r, 'Current / A')).toBe(-9.63e-5);
    expect(last(r, 'Discharging Capacity / Ah')).toBe(1.0729095);
  });

  it('classifies _Metadata.csv as metadata, not data', () => {
    for (const f of ['FastCharge_000025_CH8_Metadata.csv', '2017-05-09_test-TC-contact_CH33_Metadata.csv']) {
      expect(arbinCsvParser.classifyNotData?.({ fileName: f, head: load(f) })).toMatchObject({ kind: 'metadata' });
    }
    expect(arbinCsvParser.classifyNotData?.({ fileName: 'x.csv', head: load('arbin.csv') })).toBeNull();
  });

  it('detects every Arbin CSV and not Maccor', () => {
    for (const f of ['sample_data_arbin.csv', 'arbin.csv', 'FastCharge_000025_CH8.csv', 'arbin_example.csv']) {
      expect(arbinCsvParser.detect({ fileName: f, head: load(f).subarray(0, 65536) })).toBeGreaterThan(0.5);
    }
    expect(arbinCsvParser.detect({ fileName: 'm.csv', head: load('../maccor/sample_data_maccor.csv') })).toBe(0);
  });

  it('names line and column of a bad number', async () => {
    const text = new TextDecoder().decode(load('arbin_example.csv')).replace('3.3750653', '3.37x');
    const err = await arbinCsvParser.parse({ fileName: 'bad.csv', bytes: new TextEncoder().encode(text) }).catch((e) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect(err.message).toMatch(/line 3, field 'Voltage'/);
  });

  it('reads the synthetic generator output', async () => {
    const r = await arbinCsvParser.parse(syntheticExport('arbin-csv', 'synth.csv', 20000));
    expect(r.rows).toBe(20000);
    expect(last(r, 'Record Index / 1')).toBe(20000);
    expect(first(r, 'Unix Time / s')).toBe(utc('2024-01-15T09:00:01'));
    expect(first(r, 'Charging Capacity / Ah')).toBe(0.000833);
  });
});
