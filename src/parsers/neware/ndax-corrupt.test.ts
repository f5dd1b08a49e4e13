import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { newareNdaxParser } from './ndax.parser.js';

const read = (name: string) => new Uint8Array(readFileSync(`../shared/fixtures/neware/${name}`));
const parse = (name: string, bytes: Uint8Array) => newareNdaxParser.parse({ fileName: name, bytes });

// Issue 17: the zip CRC vouches for an entry's bytes, not for the entry being whole.
describe('neware .ndax: an .ndc entry cut before it was zipped', () => {
  it('keeps the records of the whole pages and says the entry ends inside a page', async () => {
    const entries = unzipSync(read('test.ndax'));
    const full = await parse('test.ndax', read('test.ndax'));
    const cut = zipSync({ ...entries, 'data.ndc': entries['data.ndc'].slice(0, 40112) });
    const r = await parse('cut.ndax', cut);
    expect(r.rows).toBe(360);
    expect(r.warnings.map((w) => w.message)).toContainEqual('truncated at row 360: data.ndc ends 3248 bytes into a 4096-byte page; the records of that page are missing');
    const v = (x: typeof r) => x.columns.find((c) => c.name === 'Voltage / V')!.values;
    expect(v(r)).toEqual(v(full).subarray(0, 360));
  });
});
