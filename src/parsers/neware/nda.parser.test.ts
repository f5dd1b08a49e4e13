import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../cycler-parser.js';
import { newareNdaParser } from './nda.parser.js';
import { compareWithReference, readNewareReference } from './neware-reference.fixture.js';

const dir = '../shared/fixtures/neware';
const parseFixture = (name: string) => newareNdaParser.parse({ fileName: name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) });
const column = (r: Awaited<ReturnType<typeof parseFixture>>, name: string) => r.columns.find((c) => c.name === name)!.values;

describe('neware .nda parser', () => {
  it('detects by the NEWARE signature', () => {
    const head = new Uint8Array(readFileSync(`${dir}/new_nda_file.nda`)).subarray(0, 64);
    expect(newareNdaParser.detect({ fileName: 'x.nda', head })).toBe(1);
    expect(newareNdaParser.detect({ fileName: 'x.nda', head: new Uint8Array(64) })).toBe(0);
  });

  it('v29 (BTS 7.6): every row agrees with NewareNDA', async () => {
    const r = await parseFixture('new_nda_file.nda');
    expect(r.rows).toBe(439);
    // Timestamps: BTS 7 stores local wall-clock time; we read it as UTC, NewareNDA prints it naive: same numbers.
    expect(compareWithReference(r, readNewareReference('new_nda_file'))).toEqual([]);
    expect(r.metadata).toMatchObject({ ndaVersion: 29, server: 'BTSServer(R3)-7.6.0.301 (2018.07.30)' });
    expect(r.counters).toEqual({ capacity: 'per-step', energy: 'per-step' });
    expect(column(r, 'Cycle Vendor / 1').at(-1)).toBe(2);
  });

  it('v130 (BTS 9.1): every row agrees with NewareNDA, aux T1 included', async () => {
    const r = await parseFixture('TestFile.nda');
    expect(r.rows).toBe(6670);
    // The reference's V1 column is empty: we emit no all-missing aux column.
    expect(compareWithReference(r, readNewareReference('TestFile'), { Time: 1e-5, Timestamp: 1e-3 })).toEqual([]);
    expect(column(r, 'Cycle Vendor / 1').at(-1)).toBe(3);
    const t = column(r, 'Test Time / s');
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]);
  });

  it('v130 (BTS 9.1): BTS version, creator, test info texts and start time from the header and the test info record', async () => {
    const r = await parseFixture('TestFile.nda');
    expect(r.metadata).toMatchObject({
      ndaVersion: 130,
      btsVersion: '9.1.5.7.20240403.R5',
      creator: 'admin',
      testInfoTexts: ['P_DCH-CH', 'P4_1', 'cell16', 'VAPCELL_F60_6000'],
      startTime: '2024-05-27T08:02:48.782',
    });
    expect(r.metadata.activeMassMg).toBeUndefined(); // 0 in the header: not entered
    // The record declares 6 670 data records (no mismatch warning); the first is logged 5.2 s after the start.
    expect(r.warnings.map((w) => w.code)).not.toContain('RECORD_COUNT_MISMATCH');
    const firstUnix = column(r, 'Unix Time / s')[0];
    expect(firstUnix - Date.parse(`${String(r.metadata.startTime)}Z`) / 1000).toBeCloseTo(5.188, 3);
  });

  it('v130: warns when fewer records were read than the test info declares, and ignores a test info record of unknown layout', async () => {
    const bytes = new Uint8Array(readFileSync(`${dir}/TestFile.nda`));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const testInfo = Number(view.getBigUint64(34, true)); // the header's pointer to the record
    const declared = bytes.slice();
    new DataView(declared.buffer).setUint32(testInfo + 424 + 4, 7000, true);
    const r = await newareNdaParser.parse({ fileName: 'd.nda', bytes: declared });
    expect(r.warnings.find((w) => w.code === 'RECORD_COUNT_MISMATCH')?.message).toMatch(/declares 7000 records but 6670/);
    const unknown = bytes.slice();
    new DataView(unknown.buffer).setUint16(testInfo, 7, true); // an older, mask-described layout
    const u = await newareNdaParser.parse({ fileName: 'u.nda', bytes: unknown });
    expect(u.metadata.btsVersion).toBe('9.1.5.7.20240403.R5');
    expect(u.metadata.startTime).toBeUndefined();
    expect(u.metadata.creator).toBeUndefined();
  });

  it('rejects a truncated or foreign file with a ParseError', async () => {
    const bytes = new Uint8Array(readFileSync(`${dir}/new_nda_file.nda`));
    await expect(newareNdaParser.parse({ fileName: 't.nda', bytes: bytes.subarray(0, 1500) })).rejects.toBeInstanceOf(ParseError);
    await expect(newareNdaParser.parse({ fileName: 'x.nda', bytes: new Uint8Array(100) })).rejects.toThrow(/NEWARE/);
    const badVersion = bytes.slice(0, 2000);
    badVersion[14] = 77;
    await expect(newareNdaParser.parse({ fileName: 'v.nda', bytes: badVersion })).rejects.toThrow(/version 77/);
  });
});
