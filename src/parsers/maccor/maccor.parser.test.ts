import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureLoader, col, first, last, utc } from '../../../tests/setup/parser-golden.js';
import { syntheticExport } from '../../../tests/setup/synthetic-export.js';
import { ParseError } from '../cycler-parser.js';
import { maccorExcelParser } from './maccor-excel.parser.js';
import { maccorTextParser } from './maccor-text.parser.js';

const load = fixtureLoader('maccor');
const parseText = (name: string) => maccorTextParser.parse({ fileName: name, bytes: load(name) });

describe('maccor text exports (golden)', () => {
  it('PreDiag .034: one-line preamble, seconds, states C/D/R, N/A waveform columns', async () => {
    const r = await parseText('PreDiag_000229_000229_truncated.034');
    expect(r.rows).toBe(4061);
    expect(r.counters).toEqual({ capacity: 'per-step', energy: 'per-step' });
    expect(first(r, 'Record Index / 1')).toBe(1);
    expect(last(r, 'Record Index / 1')).toBe(4061);
    expect([first(r, 'Cycle Vendor / 1'), last(r, 'Cycle Vendor / 1')]).toEqual([0, 1]);
    expect(last(r, 'Test Time / s')).toBe(82621.28);
    expect(first(r, 'Voltage / V')).toBe(3.45922026);
    expect(last(r, 'Current / A')).toBe(-0.6981002518); // state D → negative
    expect(last(r, 'Discharging Capacity / Ah')).toBe(0.0000039788);
    expect(first(r, 'Unix Time / s')).toBe(utc('2019-12-16T14:03:25'));
    expect(col(r, 'Test Time / s')).toMatchObject({ originalName: 'Test (Sec)', originalUnit: 'Sec', unit: 's' });
    expect(r.metadata).toMatchObject({ procedure: 'PreDiag_000229.000', comment: '000229', startTime: '2019-12-16T14:03:25.000', zoneUnknown: true });
    expect(r.columns.some((c) => c.name === 'WF Chg Cap')).toBe(false); // all N/A → dropped
    const current = col(r, 'Current / A').values;
    const state = col(r, 'State').values;
    for (let i = 0; i < r.rows; i++) if (state[i] === 1) expect(current[i]).toBeGreaterThanOrEqual(0);
  });

  it('PredictionDiagnostics .052: a DPt Time with the date only at midnight', async () => {
    const r = await parseText('PredictionDiagnostics_000151_test.052');
    expect(r.rows).toBe(333);
    expect(first(r, 'Record Index / 1')).toBe(249791);
    expect(first(r, 'Cycle Vendor / 1')).toBe(37);
    const unix = col(r, 'Unix Time / s').values;
    expect(unix.every((v) => Number.isFinite(v))).toBe(true);
    expect(unix).toContain(utc('2019-10-22T00:00:00'));
  });

  it('maccor_001: 3-line preamble, d hh:mm:ss times with unpadded seconds, aux + unit columns', async () => {
    const r = await parseText('maccor_001.txt');
    expect(r.rows).toBe(6704);
    expect(col(r, 'Test Time / s')).toMatchObject({ unit: 's', originalName: 'TestTime' });
    expect(last(r, 'Test Time / s')).toBeCloseTo(2 * 86400 + 2 * 3600 + 52 * 60 + 51.57, 3);
    expect(col(r, 'Temperature T1 / degC')).toMatchObject({ originalName: 'Aux #1', originalUnit: 'C' });
    expect(first(r, 'Temperature T1 / degC')).toBe(-2501.71411);
    expect(r.columns.filter((c) => c.name.startsWith('Temperature T')).length).toBe(16);
    expect(r.metadata).toMatchObject({ procedure: 'M50_Validation.000', channel: '1', originalFileName: 'M50_Validation_0deg_01', startTime: '2020-12-11T12:22:12.000' });
    const i = col(r, 'State').values.indexOf(-1);
    expect(col(r, 'Current / A').values[i]).toBe(-0.50401);
  });

  it('maccor_002: key/value preamble with binary bytes, Cycle P/C, Md, AM/PM dates, blank line', async () => {
    const r = await parseText('maccor_002.txt');
    expect(r.rows).toBe(7446);
    expect(first(r, 'Cycle Vendor / 1')).toBe(1);
    expect(col(r, 'Cycle P').values[0]).toBe(0);
    expect(first(r, 'Unix Time / s')).toBe(utc('2021-05-11T15:40:24'));
    expect(first(r, 'Voltage / V')).toBe(0.1783);
    expect(last(r, 'Current / A')).toBe(-0.00016037);
    expect(r.metadata).toMatchObject({ testName: 'CW-SIMBA-FC-CT-NAPF6-015.053', channel: '53', tester: 'Maccor #4', procedure: 'CW_MZ_SIMBA_CT.000', nominalCapacityAh: 0.017, description: 'SIMBA-Capacity_test' });
  });

  it('maccor_two: decimal comma, truncated last line', async () => {
    const r = await parseText('maccor_two.txt');
    expect(r.rows).toBe(214);
    expect(r.metadata).toMatchObject({ decimalComma: true, nominalCapacityAh: 0.017, dateOrder: 'dmy', startTime: '2021-05-06T11:23:46.000' });
    expect(first(r, 'Voltage / V')).toBe(0.1377);
    expect(col(r, 'Voltage / V').values[212]).toBe(0.149);
    // TestTime advances 1 per row while DPT Time advances 60 s: minutes, whatever the header says.
    expect(last(r, 'Test Time / s')).toBe(213 * 60);
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['short-rows', 'time-in-minutes']));
  });

  it('maccor_example.001: times in minutes', async () => {
    const r = await parseText('maccor_example.001');
    expect(r.rows).toBe(8);
    expect(col(r, 'Test Time / s').values[1]).toBeCloseTo(0.1667 * 60, 9);
    expect(col(r, 'Test Time / s')).toMatchObject({ originalUnit: 'Min' });
    expect(String(r.metadata.procedure)).toMatch(/^ABRHV-NCM523-Form-4p1\.000/);
  });

  it('CSV exports: DD-Mon-YY dates, floats for Rec#, trailing comma', async () => {
    const a = await parseText('sample_data_maccor.csv');
    expect(a.rows).toBe(15);
    expect(first(a, 'Unix Time / s')).toBe(utc('2023-11-23T15:56:11'));
    expect(last(a, 'Charging Capacity / Ah')).toBe(0.024);
    expect(first(a, 'Temperature T1 / degC')).toBe(22.2591);
    const b = await parseText('maccor_example_discharge_test.csv');
    expect(b.rows).toBe(11148);
    expect(last(b, 'Record Index / 1')).toBe(11149);
    expect(last(b, 'Voltage / V')).toBe(4.05859);
    expect(b.metadata.startTime).toBe('2020-07-16T14:36:15.000');
  });

  it('detects Maccor text and refuses other files', () => {
    for (const f of ['PreDiag_000229_000229_truncated.034', 'maccor_002.txt', 'sample_data_maccor.csv']) {
      expect(maccorTextParser.detect({ fileName: f, head: load(f).subarray(0, 65536) })).toBeGreaterThan(0.5);
    }
    const arbin = new Uint8Array(readFileSync('../shared/fixtures/arbin/arbin.csv'));
    expect(maccorTextParser.detect({ fileName: 'arbin.csv', head: arbin })).toBe(0);
  });

  it('names the line and column of a bad value', async () => {
    const text = new TextDecoder().decode(load('maccor_example.001')).replace('3.30571450', '3.3x');
    const err = await maccorTextParser.parse({ fileName: 'bad.001', bytes: new TextEncoder().encode(text) }).catch((e) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect(err.message).toMatch(/bad\.001 \(maccor-txt, line 4, field 'Volts'\)/);
  });

  it('refuses a file without a Maccor header', async () => {
    await expect(maccorTextParser.parse({ fileName: 'x.txt', bytes: new TextEncoder().encode('a\tb\n1\t2\n') })).rejects.toThrow(/no Maccor header/);
  });

  it('reads the synthetic generator output', async () => {
    const r = await maccorTextParser.parse(syntheticExport('maccor-txt', 'synth.txt', 5000));
    expect(r.rows).toBe(5000);
    expect(last(r, 'Test Time / s')).toBe(5000);
    expect(first(r, 'Current / A')).toBe(3);
  });
});

describe('maccor Excel exports (golden)', () => {
  it('detects Maccor workbooks by their Data sheet, not Arbin ones', () => {
    expect(maccorExcelParser.detect({ fileName: 'a.xlsx', head: load('maccor_example_new.xlsx').subarray(0, 65536) })).toBe(0.9);
    expect(maccorExcelParser.detect({ fileName: 'a.xls', head: load('maccor_example.xls').subarray(0, 65536) })).toBe(0.9);
    expect(maccorExcelParser.detect({ fileName: 'a.xlsx', head: load('../arbin/mock_data_001.xlsx').subarray(0, 65536) })).toBe(0);
  });

  for (const f of ['maccor_example.xls', 'maccor_example_new.xlsx']) {
    it(`${f}: metadata row, continuation sheet 'Data 2', minutes`, async () => {
      const r = await maccorExcelParser.parse({ fileName: f, bytes: load(f) });
      expect(r.rows).toBe(56); // 28 data rows under the metadata and header rows of each sheet
      expect(r.metadata).toMatchObject({ sheets: ['Data', 'Data 2'], procedure: 'TPGroup1.000', startTime: '2018-02-28T11:12:44.285' });
      expect(col(r, 'Test Time / s').values[1]).toBeCloseTo(1, 6);
      expect(last(r, 'Test Time / s')).toBeCloseTo(1122.143 * 60, 6);
      expect(last(r, 'Current / A')).toBe(-1.499961852445);
      expect(last(r, 'Discharging Capacity / Ah')).toBe(0.264157015759);
      expect(last(r, 'Step Index / 1')).toBe(35);
    });
  }
});
