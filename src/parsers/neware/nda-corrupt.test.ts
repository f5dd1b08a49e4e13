import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../cycler-parser.js';
import { newareNdaParser } from './nda.parser.js';

const read = (name: string) => new Uint8Array(readFileSync(`../shared/fixtures/neware/${name}`));
const parse = (name: string, bytes: Uint8Array) => newareNdaParser.parse({ fileName: name, bytes });
const column = (r: Awaited<ReturnType<typeof parse>>, name: string) => r.columns.find((c) => c.name === name)!.values;

// Issue 17: a cut or corrupt .nda must never give plausible-looking rows without a warning.
describe('neware .nda: truncated and corrupt files', () => {
  it('v130 cut at 50 % and 10 %: the whole records before the cut, with a TRUNCATED warning', async () => {
    const bytes = read('TestFile.nda');
    const full = await parse('TestFile.nda', bytes);
    for (const share of [0.5, 0.1]) {
      const r = await parse('cut.nda', bytes.subarray(0, Math.floor(bytes.length * share)));
      const records = Math.floor((Math.floor(bytes.length * share) - 1024) / 56);
      expect(r.rows).toBe(records);
      expect(r.warnings[0]).toMatchObject({ code: 'TRUNCATED', byte: 1024 + records * 56 });
      expect(r.warnings[0].message).toMatch(new RegExp(`^truncated at row ${records} \\(byte ${1024 + records * 56}\\): the file ends before the 0x81 footer`));
      expect(column(r, 'Voltage / V')).toEqual(column(full, 'Voltage / V').subarray(0, records));
    }
  });

  it('v130 cut after the records but inside the test info record: warned', async () => {
    const bytes = read('TestFile.nda');
    const r = await parse('cut.nda', bytes.subarray(0, 375000));
    expect(r.rows).toBe(6670);
    expect(r.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^truncated at row 6670 \(byte 375000\): the header points to its test info record up to byte 375404/));
  });

  it('v130: bytes starting with 0x81 spliced between records are not taken for the footer', async () => {
    const bytes = read('TestFile.nda');
    const at = 1024 + 5000 * 56;
    const spliced = new Uint8Array(bytes.length + 100);
    spliced.set(bytes.subarray(0, at));
    spliced[at] = 0x81;
    spliced.set(bytes.subarray(at), at + 100);
    const r = await parse('s.nda', spliced);
    expect(r.rows).toBe(5000);
    expect(r.warnings[0].message).toMatch(/^truncated at row 5000 \(byte 281024\): a 0x81 footer marker, but the header puts the test info record at byte 374923/);
  });

  it('v29 cut inside a record: the whole records before it, with a TRUNCATED warning', async () => {
    const bytes = read('new_nda_file.nda');
    const r = await parse('cut.nda', bytes.subarray(0, bytes.length - 40));
    expect(r.rows).toBe(438);
    expect(r.warnings[0].message).toMatch(/^truncated at row 438 \(byte 123569\): the file ends 46 bytes into an 86-byte record/);
  });

  it('v130: a corrupt record marker or an implausible voltage ends the rows there, naming the byte', async () => {
    const bytes = read('TestFile.nda');
    const marker = bytes.slice();
    marker[1024 + 3000 * 56] = 0x13;
    const m = await parse('m.nda', marker);
    expect(m.rows).toBe(3000);
    expect(m.warnings[0].message).toMatch(/^truncated at row 3000 \(byte 169024\): record marker 0x13/);
    const volts = bytes.slice();
    new DataView(volts.buffer).setFloat32(1024 + 4000 * 56 + 24, 2e37, true);
    const v = await parse('v.nda', volts);
    expect(v.rows).toBe(4000);
    expect(v.warnings.at(-1)!.message).toMatch(/^truncated at row 4000 \(byte 225024\): the next record has Voltage \/ V = \d\.\d+e\+37, outside the plausible voltage range -1000 … 1000 V/);
    const first = bytes.slice();
    new DataView(first.buffer).setFloat32(1024 + 20, Number.NaN, true);
    await expect(parse('f.nda', first)).rejects.toThrow(ParseError);
    await expect(parse('f.nda', first)).rejects.toThrow(/f\.nda \(neware-nda, byte 1024, field 'Current \/ A'\): first record: Current \/ A = NaN, not a number/);
  });

  it('v29: an unknown record type is reported, an implausible current cuts the rows', async () => {
    const bytes = read('new_nda_file.nda');
    const start = 85471;
    const slot = bytes.slice();
    slot[start + 100 * 86] = 0x31;
    const s = await parse('s.nda', slot);
    expect(s.warnings.map((w) => w.code)).toContain('CORRUPT_RECORDS');
    const amps = bytes.slice();
    new DataView(amps.buffer).setInt32(start + 200 * 86 + 22, 2_000_000_000, true);
    const a = await parse('a.nda', amps);
    expect(a.rows).toBeLessThanOrEqual(200);
    expect(a.warnings.at(-1)!.message).toMatch(/Voltage \/ V = 200000, outside the plausible voltage range/);
  });
});
