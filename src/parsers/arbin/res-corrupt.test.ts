import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { indexOfBytes } from '../binary/byte-view.js';
import { arbinResParser } from './res.parser.js';

const read = (name: string) => new Uint8Array(readFileSync(`../shared/fixtures/arbin/${name}`));
const parse = (name: string, bytes: Uint8Array) => arbinResParser.parse({ fileName: name, bytes });
const f32 = (v: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v, true);
  return b;
};

// Issue 17: Access pages have no checksum, so a corrupt value must be caught by its size.
describe('arbin .res: truncated and corrupt databases', () => {
  it('a database that is not a whole number of pages is a ParseError naming the last page', async () => {
    const bytes = read('aux_one_x_dx.res');
    await expect(parse('t.res', bytes.subarray(0, 1_000_000))).rejects.toThrow(/t\.res \(arbin-res, byte 999424, field 'page'\): the database is 1000000 bytes, not a whole number of 4096-byte pages/);
  });

  it('a voltage of 2e37 V in Data_Point 6 keeps Data_Points 1-5 with a TRUNCATED warning', async () => {
    const db = new Uint8Array(gunzipSync(read('mits7-0.res.gz')));
    const full = await parse('mits7-0.res', db);
    const volts = full.columns.find((c) => c.name === 'Voltage / V')!.values;
    const at = indexOfBytes(db, f32(volts[5]));
    expect(at).toBeGreaterThan(0);
    const bad = db.slice();
    bad.set(f32(2e37), at);
    const r = await parse('bad.res', bad);
    expect(r.rows).toBe(5);
    expect(r.warnings[0].message).toMatch(/^truncated at row 5: the next record \(Channel_Normal_Table Data_Point 6\) has Voltage \/ V = \d\.\d+e\+37, outside the plausible voltage range/);
    bad.set(f32(NaN), indexOfBytes(db, f32(volts[0])));
    bad.set(f32(volts[5]), at);
    await expect(parse('bad.res', bad)).rejects.toThrow(/field 'Voltage \/ V'\): first record \(Channel_Normal_Table Data_Point 1\): Voltage \/ V = NaN/);
  });
});
