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
});
