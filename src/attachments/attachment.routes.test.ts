import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type ErrorBody, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

const dataDir = mkdtempSync(join(tmpdir(), 'liionsden-attachments-'));
let t: TestApp;
let owner: TestUser;
let other: TestUser;
let maintainer: TestUser;

beforeAll(async () => {
  t = await createTestApp({ config: { dataDir, maxAttachmentBytes: 4096 } });
  owner = await t.createUser('contributor');
  other = await t.createUser('contributor');
  maintainer = await t.createUser('maintainer');
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A minimal valid one-page PDF. */
const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function put(user: TestUser | null, path: string, bytes: Uint8Array, fileName: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
  return Promise.resolve(t.app.request(path, { method: 'PUT', headers: user ? { authorization: user.headers.authorization } : {}, body: form }));
}
const get = (user: TestUser | null, path: string) => Promise.resolve(t.app.request(path, { headers: user ? { authorization: user.headers.authorization } : {} }));

describe('reference PDF', () => {
  it('uploads, downloads byte-identical with its name, records history, and detaches', async () => {
    const ref = await expectJson(await t.call('POST', '/api/v1/references', owner, { name: 'Severson 2019', doi: '10.1038/s41560-019-0356-8' }), 201);
    const path = `/api/v1/references/${ref.id}/pdf`;
    expect((await get(owner, path)).status).toBe(404);
    const updated = await expectJson<Row>(await put(owner, path, PDF, 'Sévérson et al.pdf'));
    expect(updated.pdf_name).toBe('Sévérson et al.pdf');
    expect(updated.pdf_sha256).toMatch(/^[0-9a-f]{64}$/);
    const res = await get(owner, path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="S_v_rson et al.pdf"; filename*=UTF-8''${encodeURIComponent('Sévérson et al.pdf')}`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    const history = await expectJson<{ action: string; changes: Record<string, { old: unknown; new: unknown }> }[]>(await t.call('GET', `/api/v1/references/${ref.id}/history`, owner));
    expect(history.at(-1)!.changes.pdf_name).toEqual({ old: null, new: 'Sévérson et al.pdf' });
    expect((await t.app.request(path, { method: 'DELETE', headers: { authorization: owner.headers.authorization } })).status).toBe(204);
    expect((await get(owner, path)).status).toBe(404);
  });

  it('refuses what is not a PDF (415 naming the field), too big (413), and blob fields sent by a client (400)', async () => {
    const ref = await expectJson(await t.call('POST', '/api/v1/references', owner, { name: 'Not a PDF' }), 201);
    const path = `/api/v1/references/${ref.id}/pdf`;
    const png = await expectJson<ErrorBody>(await put(owner, path, PNG, 'figure.pdf'), 415);
    expect(png.error.issues![0].field).toBe('file');
    const big = new Uint8Array(5000);
    big.set(PDF.subarray(0, 8));
    expect((await put(owner, path, big, 'big.pdf')).status).toBe(413);
    const forged = await expectJson<ErrorBody>(await t.call('PATCH', `/api/v1/references/${ref.id}`, owner, { pdf_blob_key: 'blobs/aa/someone-elses' }), 400);
    expect(forged.error.message).toMatch(/pdf_blob_key/);
  });
});

describe('specification spec sheet', () => {
  it('accepts a PNG; a private spec is unreachable to others; a public one is locked against its owner', async () => {
    const spec = await expectJson(await t.call('POST', '/api/v1/specifications', owner, { name: 'Cell X', device_type_id: 1 }), 201);
    const path = `/api/v1/specifications/${spec.id}/spec-sheet`;
    expect((await expectJson<Row>(await put(owner, path, PNG, 'sheet.png'))).spec_sheet_name).toBe('sheet.png');
    expect((await get(other, path)).status).toBe(404);
    expect((await put(other, path, PDF, 'mine.pdf')).status).toBe(404);
    expect((await get(null, path)).status).toBe(404);

    await expectJson(await t.call('PATCH', `/api/v1/specifications/${spec.id}`, owner, { status: 'public' }));
    const got = await get(other, path);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect((await put(owner, path, PDF, 'new.pdf')).status).toBe(403);
    expect((await expectJson<Row>(await put(maintainer, path, PDF, 'new.pdf'))).spec_sheet_name).toBe('new.pdf');
  });
});
