import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../cycler-parser.js';
import { createByteSource } from '../binary/byte-view.js';
import { readMprModules } from './mpr-modules.js';
import { biologicMprParser } from './mpr.parser.js';

// GCPL-0.mpr: a v0 data module (EC-Lab ≥ 11.50 layout), 4 records of 53 bytes, 16 u16 ids from byte 7033.
const NAME = 'GCPL-0.mpr';
const original = new Uint8Array(readFileSync(`../shared/fixtures/biologic/${NAME}`));
const ID_LIST = 7033;
const parse = (bytes: Uint8Array) => biologicMprParser.parse({ fileName: NAME, bytes });
const idAt = (bytes: Uint8Array, k: number) => new DataView(bytes.buffer, bytes.byteOffset).getUint16(ID_LIST + 2 * k, true);

/** A copy of the fixture with the k-th column id (0-based) replaced. */
function withId(k: number, id: number): Uint8Array {
  const bytes = original.slice();
  new DataView(bytes.buffer).setUint16(ID_LIST + 2 * k, id, true);
  return bytes;
}

/** A copy of the fixture with one more column (id, f8 values) appended to every record. */
function withF8Column(id: number, values: number[]): Uint8Array {
  const data = readMprModules(createByteSource(original, 'biologic-mpr', NAME)).find((m) => m.shortName === 'VMP data')!;
  const view = new DataView(original.buffer);
  const rows = view.getUint32(data.offset, true);
  const count = original[data.offset + 4];
  const size = (data.length - 1007) / rows;
  expect(view.getUint32(data.offset - 20, true)).toBe(data.length); // wide module header: length 20 bytes before the data
  const body = new Uint8Array(1007 + rows * (size + 8));
  body.set(original.subarray(data.offset, data.offset + 1007));
  const out = new DataView(body.buffer);
  body[4] = count + 1;
  out.setUint16(6 + 2 * count, id, true);
  for (let i = 0; i < rows; i++) {
    const from = data.offset + 1007 + i * size;
    body.set(original.subarray(from, from + size), 1007 + i * (size + 8));
    out.setFloat64(1007 + i * (size + 8) + size, values[i], true);
  }
  const file = new Uint8Array(original.length + body.length - data.length);
  file.set(original.subarray(0, data.offset));
  file.set(body, data.offset);
  file.set(original.subarray(data.offset + data.length), data.offset + body.length);
  new DataView(file.buffer).setUint32(data.offset - 20, body.length, true);
  return file;
}

async function expectSameColumns(bytes: Uint8Array, except: string[] = []) {
  const want = await parse(original);
  const got = await parse(bytes);
  expect(got.rows).toBe(want.rows);
  for (const c of want.columns.filter((x) => !except.includes(x.name))) {
    const g = got.columns.find((x) => x.name === c.name);
    expect(g, c.name).toBeDefined();
    expect(g!.originalName).toBe(c.originalName);
    expect([...g!.values]).toEqual([...c.values]);
  }
  return got;
}

describe('.mpr column ids with a high byte', () => {
  it('reads an id + 256·k missing from the table as its low byte when the record size confirms it', async () => {
    expect(idAt(original, 11)).toBe(6); // Ewe/V, f4
    const got = await expectSameColumns(withId(11, 6 + 2 * 256));
    expect(got.columns.find((c) => c.name === 'Voltage / V')!.originalName).toBe('Ewe/V');
    expect(got.warnings).toContainEqual(expect.objectContaining({ code: 'MPR_COLUMN_ID_GUESSED', byte: ID_LIST + 22 }));
    expect(idAt(original, 13)).toBe(467); // Q charge/discharge (211 + 256), f8
    await expectSameColumns(withId(13, 211 + 3 * 256));
  });

  it.each([112, 880])('reads id %i as Energy we/W.h (f8)', async (id) => {
    const energyWh = [0.5, -1.25e-6, 3e-3, 42];
    const got = await expectSameColumns(withF8Column(id, energyWh));
    const energy = got.columns.find((c) => c.originalName === 'Energy we/W.h');
    expect(energy).toBeDefined();
    expect(energy!.originalUnit).toBe('W.h');
    expect([...energy!.values]).toEqual(energyWh);
    expect(got.warnings.map((w) => w.code)).not.toContain('MPR_COLUMN_ID_GUESSED');
  });

  it('skips one unknown column whose width the data module proves, keeping the others', async () => {
    expect(idAt(original, 15)).toBe(70); // P/W, f4, the last field
    const got = await expectSameColumns(withId(15, 14 + 3 * 256), ['Power / W']);
    expect(got.columns.some((c) => c.name === 'Power / W')).toBe(false);
    expect(got.warnings).toContainEqual(expect.objectContaining({ code: 'MPR_COLUMN_SKIPPED', message: expect.stringMatching(/id 782 .*4 bytes/) }));
  });

  it('refuses a guess the record size contradicts, and two unknown widths', async () => {
    // 4 + 3·256 would be time/s (f8) in place of the 4-byte P/W: the 53-byte records say no.
    const err = await parse(withId(15, 4 + 3 * 256)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).message).toMatch(/column id 772 .*does not fit the 53-byte records/);
    const two = withId(15, 14 + 3 * 256);
    new DataView(two.buffer).setUint16(ID_LIST + 2 * 11, 15 + 3 * 256, true);
    const err2 = await parse(two).catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(ParseError);
    expect((err2 as ParseError).byte).toBe(ID_LIST + 22);
    expect((err2 as ParseError).message).toMatch(/unknown BioLogic column id 783 .*2 columns of unknown width/);
  });
});
