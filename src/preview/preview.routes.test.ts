import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type ErrorBody } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import type { Preview } from './preview.service.js';
import { PREVIEW_HEAD_BYTES } from './preview.service.js';

const fixture = (p: string) => readFileSync(join('..', 'shared', 'fixtures', p));

let t: TestApp;
let alice: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  alice = await t.createUser('contributor');
});
afterAll(() => t.close());

/** Sends the first 256 KiB of `bytes` as the browser does (multipart, with the whole file's size). */
async function preview(user: TestUser | null, fileName: string, bytes: Uint8Array, fields: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  form.append('fileSize', String(bytes.length));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes.subarray(0, PREVIEW_HEAD_BYTES))]), fileName);
  return t.app.request('/api/v1/parsers/preview', { method: 'POST', headers: user ? { authorization: user.headers.authorization } : {}, body: form });
}

const unknownCsv = new TextEncoder().encode(['Rig 3 export', 'Zeit;Spannung;Strom;Kommentar', ...Array.from({ length: 20 }, (_, k) => `${k},5;${3600 + k};1,25;ok`)].join('\r\n'));

describe('POST /api/v1/parsers/preview', () => {
  it('detects a real Arbin CSV from its first 256 KiB and lists its columns, the cut last line left out', async () => {
    const bytes = fixture('arbin/arbin_example.csv');
    expect(bytes.length).toBeGreaterThan(PREVIEW_HEAD_BYTES);
    const body = await expectJson<Preview>(await preview(alice, 'arbin_example.csv', bytes));
    expect(body.format).toBe('arbin-csv');
    expect(body.confidence).toBeGreaterThan(0.5);
    expect(body.columns).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Voltage / V', unit: 'V' }), expect.objectContaining({ name: 'Current / A', unit: 'A' })]));
    const head = new TextDecoder().decode(bytes.subarray(0, PREVIEW_HEAD_BYTES));
    const completeLines = head.slice(0, head.lastIndexOf('\n')).split('\n').length;
    expect(body.rows).toBe(completeLines - 1); // every complete line but the header
    expect(body.warnings).toEqual([]);
  });

  it('reads a whole small file, and takes JSON with a base64 head too', async () => {
    const bytes = fixture('novonix/sample_data_novonix.csv');
    const multipart = await expectJson<Preview>(await preview(alice, 'sample_data_novonix.csv', bytes));
    expect(multipart.format).toBe('novonix-csv');
    expect(multipart.rows).toBe(207);
    const json = await expectJson<Preview>(await t.call('POST', '/api/v1/parsers/preview', alice, { fileName: 'sample_data_novonix.csv', head: bytes.toString('base64'), fileSize: bytes.length }));
    expect(json).toEqual(multipart);
  });

  it('names a binary format whose head cannot be parsed alone, without columns', async () => {
    const body = await expectJson<Preview>(await preview(alice, 'run.ndax', fixture('neware/test_2.ndax')));
    expect(body.format).toBe('neware-ndax');
    expect(body.columns).toBeNull();
    expect(body.warnings[0].code).toBe('head_not_parsed');
  });

  it('lists the columns of a binary head that holds whole records, saying where it was cut', async () => {
    const body = await expectJson<Preview>(await preview(alice, 'run.mpr', fixture('biologic/jdb11-1_c3_gcpl_5cycles_2V-3p8V_C-24_data_C09.mpr')));
    expect(body.format).toBe('biologic-mpr');
    expect(body.columns?.map((c) => c.name)).toContain('Voltage / V');
    expect(body.warnings.map((w) => w.code)).toContain('TRUNCATED');
  });

  it('looks inside gzip files, even cut ones, and names a broken stream', async () => {
    const gz = await expectJson<Preview>(await preview(alice, 'mits7-0.res.gz', fixture('arbin/mits7-0.res.gz')));
    expect(gz.format).toBe('arbin-res');
    const csv = gzipSync(fixture('arbin/arbin_example.csv'));
    const cut = await expectJson<Preview>(await preview(alice, 'arbin.csv.gz', csv.subarray(0, 20_000)));
    expect(cut.format).toBe('arbin-csv');
    expect(cut.rows).toBeGreaterThan(0);
    const broken = await expectJson<ErrorBody>(await preview(alice, 'x.csv.gz', new Uint8Array([0x1f, 0x8b, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])), 422);
    expect(broken.error.message).toContain('gzip');
  });

  it('gives the likely header of an unknown CSV, then uses a saved mapping for it', async () => {
    const unknown = await expectJson<Preview>(await preview(alice, 'rig3.csv', unknownCsv));
    expect(unknown.format).toBeNull();
    expect(unknown.reason).toContain('no parser recognises this file');
    expect(unknown.headerCandidates).toEqual({
      lineIndex: 1,
      cells: ['Zeit', 'Spannung', 'Strom', 'Kommentar'],
      delimiter: ';',
      decimalComma: true,
      sampleRows: [0, 1, 2, 3, 4].map((k) => [`${k},5`, String(3600 + k), '1,25', 'ok']),
    });
    const mapping = { columns: { Zeit: { name: 'Test Time / s', unit: 's' }, Spannung: { name: 'Voltage / V', unit: 'mV' }, Strom: { name: 'Current / A', unit: 'A' } }, delimiter: ';', decimalComma: true };
    const saved = await expectJson(await t.call('POST', '/api/v1/column-mappings', alice, { name: 'Rig 3', mapping }), 201);
    const known = await expectJson<Preview>(await preview(alice, 'rig3.csv', unknownCsv));
    expect(known).toMatchObject({ format: 'generic-csv', columnMappingId: saved.id, rows: 20 });
    expect(known.columns).toEqual([
      { name: 'Test Time / s', unit: 's', originalName: 'Zeit', originalUnit: 's' },
      { name: 'Voltage / V', unit: 'V', originalName: 'Spannung', originalUnit: 'mV' },
      { name: 'Current / A', unit: 'A', originalName: 'Strom', originalUnit: 'A' },
    ]);
    const other = await t.createUser('contributor');
    expect((await expectJson<Preview>(await preview(other, 'rig3.csv', unknownCsv))).format).toBeNull();
    await expectJson(await preview(other, 'rig3.csv', unknownCsv, { columnMappingId: String(saved.id) }), 404);
  });

  it('refuses anonymous callers, a missing file part and an oversized body', async () => {
    await expectJson(await preview(null, 'x.csv', unknownCsv), 401);
    const noFile = await t.call('POST', '/api/v1/parsers/preview', alice, { fileName: 'x.csv' });
    expect((await expectJson<ErrorBody>(noFile, 400)).error.issues![0].field).toBe('head');
    const huge = await t.call('POST', '/api/v1/parsers/preview', alice, { fileName: 'x.csv', head: 'A'.repeat(3 * PREVIEW_HEAD_BYTES) });
    expect(huge.status).toBe(413);
  });

  it('answers a malformed request with a 400 naming what is wrong, never a 500', async () => {
    const raw = (contentType: string, body: string) =>
      t.app.request('/api/v1/parsers/preview', { method: 'POST', headers: { authorization: alice.headers.authorization, 'content-type': contentType }, body });
    const fieldsOf = async (res: Response) => (await expectJson<ErrorBody>(res, 400)).error.issues?.map((i) => i.field);
    expect(await fieldsOf(await raw('multipart/form-data', '--x\r\n'))).toEqual(['(body)']);
    const nulPart = '--b\r\nContent-Disposition: form-data; name="fileName"\r\n\r\na\u0000b\r\n--b--\r\n';
    expect(await fieldsOf(await raw('multipart/form-data; boundary=b', nulPart))).toEqual(['(body)']);
    expect(await fieldsOf(await preview(alice, 'x.csv', unknownCsv, { equipmentId: '99999999999' }))).toEqual(['equipmentId']);
    expect(await fieldsOf(await t.call('POST', '/api/v1/parsers/preview', alice, { fileName: 'a\u0000.csv', head: 'eA==' }))).toEqual(['fileName']);
  });

  it('lists the canonical columns a mapping may target, with their units', async () => {
    const body = await expectJson<{ columns: { name: string; unit: string; units: string[] }[] }>(await t.call('GET', '/api/v1/parsers/columns', alice));
    expect(body.columns).toContainEqual({ name: 'Voltage / V', unit: 'V', units: ['V', 'mV'] });
    expect(body.columns.find((c) => c.name === 'Unix Time / s')?.units).toContain('datetime:dmy');
  });
});
