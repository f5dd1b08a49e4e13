import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../cycler-parser.js';
import { newareNdaxParser } from './ndax.parser.js';
import { compareWithReference, readNewareReference } from './neware-reference.fixture.js';

const dir = '../shared/fixtures/neware';
const parseFixture = (name: string) => newareNdaxParser.parse({ fileName: name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) });
type Result = Awaited<ReturnType<typeof parseFixture>>;
const column = (r: Result, name: string) => r.columns.find((c) => c.name === name)?.values;

// Tolerances in our units: NewareNDA computes interpolated rows in float32.
const tol = { Time: 1e-3, Timestamp: 2e-3, 'Charge_Capacity(mAh)': 1e-9, 'Discharge_Capacity(mAh)': 1e-9, 'Charge_Energy(mWh)': 1e-9, 'Discharge_Energy(mWh)': 1e-9 };

const cases: [file: string, rows: number, ndc: number, lastCycle: number, aux: string[]][] = [
  ['test.ndax', 1464, 5, 1, []],
  ['filetype14-0.ndax', 67, 14, 1, []],
  ['123456789012_Unit27_Example_Data_File.ndax', 301, 14, 1, ['Temperature T1 / degC', 'Temperature T2 / degC']],
  ['ZZZZZZZZTEST.ndax', 301, 16, 1, ['Aux Voltage V1 / V', 'Temperature T1 / degC']],
  ['TESTCELL0001-Test_Data_Collection_Ndc17.ndax', 80, 17, 1, ['Temperature T1 / degC']],
  ['test_2.ndax', 108563, 17, 54, []],
];

describe('neware .ndax parser', () => {
  it('detects zips named .ndax', () => {
    const head = new Uint8Array(readFileSync(`${dir}/test.ndax`)).subarray(0, 4096);
    expect(newareNdaxParser.detect({ fileName: 'a.ndax', head })).toBe(1);
    expect(newareNdaxParser.detect({ fileName: 'a.ndax', head: new Uint8Array(10) })).toBe(0);
  });

  for (const [file, rows, ndc, lastCycle, aux] of cases) {
    it(`${file} (ndc ${ndc}): every row agrees with NewareNDA`, async () => {
      const r = await parseFixture(file);
      expect(r.rows).toBe(rows);
      expect(r.metadata.ndcVersion).toBe(ndc);
      expect(compareWithReference(r, readNewareReference(file.replace('.ndax', '')), tol)).toEqual([]);
      expect(column(r, 'Cycle Vendor / 1')!.at(-1)).toBe(lastCycle);
      for (const name of aux) expect(column(r, name)).toBeDefined();
      expect(r.counters.capacity).toBe('per-step');
    });
  }

  it('reads the XML metadata', async () => {
    const r = await parseFixture('123456789012_Unit27_Example_Data_File.ndax');
    expect(r.metadata).toMatchObject({ barcode: '123456789012', channel: '81', startTime: '2024-11-18 12:43:31', server: 'BTSServer(R3)-8.0.0.390 (2024.06.24)' });
  });

  it('refuses a zip bomb, a truncated archive and a zip without data.ndc with a ParseError', async () => {
    const bomb = zipSync({ 'data.ndc': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    await expect(newareNdaxParser.parse({ fileName: 'bomb.ndax', bytes: bomb })).rejects.toThrow(/zip bomb/);
    // A central directory that lies about the size (2 GiB) is refused before inflating.
    const liar = zipSync({ 'data.ndc': new Uint8Array(5000) });
    const cd = liar.length - 22 - (46 + 'data.ndc'.length);
    new DataView(liar.buffer).setUint32(cd + 24, 0x7fffffff, true);
    await expect(newareNdaxParser.parse({ fileName: 'liar.ndax', bytes: liar })).rejects.toThrow(/zip bomb/);
    const bytes = new Uint8Array(readFileSync(`${dir}/test_2.ndax`));
    await expect(newareNdaxParser.parse({ fileName: 't.ndax', bytes: bytes.subarray(0, 50000) })).rejects.toBeInstanceOf(ParseError);
    const empty = zipSync({ 'readme.txt': new Uint8Array(4) });
    await expect(newareNdaxParser.parse({ fileName: 'e.ndax', bytes: empty })).rejects.toThrow(/no data.ndc/);
  });
});
