import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { newareNdaxParser } from './ndax.parser.js';

// The .ndax fixtures with aux data (MANIFEST.md): two temperature files, V+T in data_1.ndc, one temperature file.
const UNIT27 = '123456789012_Unit27_Example_Data_File.ndax';
const read = (name: string) => new Uint8Array(readFileSync(`../shared/fixtures/neware/${name}`));
const parse = (name: string, bytes: Uint8Array = read(name)) => newareNdaxParser.parse({ fileName: name, bytes });
type Result = Awaited<ReturnType<typeof parse>>;
const auxColumns = (r: Result) => r.columns.filter((c) => /^(Aux |Temperature |Humidity )/.test(c.name));
const latin1 = new TextDecoder('latin1');

/** The archive with TestInfo.xml edited (its ASCII attributes; other bytes kept as they are). */
function withTestInfo(name: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(read(name));
  const xml = edit(latin1.decode(files['TestInfo.xml']));
  files['TestInfo.xml'] = Uint8Array.from(xml, (ch) => ch.charCodeAt(0));
  return zipSync(files);
}

/**
 * An ndc v5 aux file (4096-byte header, pages of 125 + 45 × 87 + 56 bytes) whose records alternate
 * between aux channels 1 and 2 for record indexes 1..n: T = 25 + i/10 on channel 1, 30 + i/10 on 2.
 */
function ndcV5AuxTwoChannels(n: number): Uint8Array<ArrayBuffer> {
  const perPage = 45;
  const records = Array.from({ length: 2 * n }, (_, k) => ({ channel: (k % 2) + 1, index: Math.floor(k / 2) + 1 }));
  const pages = Math.ceil(records.length / perPage);
  const bytes = new Uint8Array(4096 * (1 + pages));
  bytes[0] = 5;
  bytes[2] = 5;
  const view = new DataView(bytes.buffer);
  records.forEach(({ channel, index }, k) => {
    const p = 4096 * (1 + Math.floor(k / perPage)) + 125 + (k % perPage) * 87;
    bytes[p + 3] = channel;
    bytes[p + 7] = 0x65;
    view.setUint32(p + 8, index, true);
    view.setInt16(p + 41, (channel === 1 ? 250 : 300) + index, true);
  });
  return bytes;
}

function expectDistinct(r: Result) {
  const names = auxColumns(r).map((c) => c.name);
  expect(new Set(names).size).toBe(names.length);
}

describe('.ndax aux channels', () => {
  it.each([
    [UNIT27, ['Temperature T1 / degC', 'Temperature T2 / degC']],
    ['ZZZZZZZZTEST.ndax', ['Aux Voltage V1 / V', 'Temperature T1 / degC']],
    ['TESTCELL0001-Test_Data_Collection_Ndc17.ndax', ['Temperature T1 / degC']],
  ])('%s: every aux channel under its own name', async (file, names) => {
    const r = await parse(file);
    expect(auxColumns(r).map((c) => c.name)).toEqual(names);
  });

  it('keeps two temperature channels that TestInfo.xml numbers alike (AuxID 1 twice)', async () => {
    const want = auxColumns(await parse(UNIT27));
    const r = await parse(UNIT27, withTestInfo(UNIT27, (x) => x.replace('AuxID="2"', 'AuxID="1"')));
    const got = auxColumns(r);
    expectDistinct(r);
    expect(got).toHaveLength(2);
    expect(got.map((c) => c.unit)).toEqual(['degC', 'degC']);
    got.forEach((c, k) => expect([...c.values]).toEqual([...want[k].values]));
    expect(r.warnings.map((w) => w.code)).toContain('AUX_RENUMBERED');
  });

  it('keeps two channels of an unknown type with the same AuxID (once both "Aux X1 / 1")', async () => {
    const r = await parse(UNIT27, withTestInfo(UNIT27, (x) => x.replace('AuxID="2"', 'AuxID="1"').replaceAll('ChlType="103"', 'ChlType="999"')));
    expectDistinct(r);
    expect(auxColumns(r).map((c) => c.name)).toEqual(['Aux X1 / 1', 'Aux X2 / 1']);
  });

  it('pairs aux files with TestInfo.xml channels by RealChlID, not by listing order', async () => {
    const want = auxColumns(await parse(UNIT27));
    // Swap the two <AuxN> entries: AuxID 1 now sits on RealChlID 10 (data_AUX_10_3_1.ndc).
    const swapped = withTestInfo(UNIT27, (x) => x.replace('AuxID="1" RealChlID="9"', 'AuxID="@" RealChlID="10"').replace('AuxID="2" RealChlID="10"', 'AuxID="1" RealChlID="9"').replace('AuxID="@"', 'AuxID="2"'));
    const got = auxColumns(await parse(UNIT27, swapped));
    expect(got.map((c) => c.name)).toEqual(['Temperature T1 / degC', 'Temperature T2 / degC']);
    got.forEach((c, k) => expect([...c.values]).toEqual([...want[k].values]));
  });

  it('splits an ndc v5 aux file whose records carry two aux channels', async () => {
    const files = unzipSync(read('test.ndax'));
    files['data_AUX_1_1_1.ndc'] = ndcV5AuxTwoChannels(100);
    const r = await parse('test.ndax', zipSync(files));
    expect(auxColumns(r).map((c) => c.name)).toEqual(['Temperature T1 / degC', 'Temperature T2 / degC']);
    const [t1, t2] = auxColumns(r).map((c) => c.values);
    expect(t1[0]).toBeCloseTo(25.1, 9);
    expect(t2[0]).toBeCloseTo(30.1, 9);
    expect(t2[99]).toBeCloseTo(40, 9);
    expect(t2[100]).toBeNaN();
  });
});
