import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type ErrorBody } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

/** POST /data-files/:id/append: the stored prefix is checked, a retry that already landed is recognisable, others cannot append. */
describe('append to a data file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'append-'));
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let id: number;
  const first = Buffer.from('Data_Point,Test_Time(s),Current(A),Voltage(V)\n1,0,0,3.5\n');
  const more = Buffer.from('2,1,1,3.6\n');
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  beforeAll(async () => {
    t = await createTestApp({ config: { dataDir: dir } });
    owner = await t.createUser('contributor');
    other = await t.createUser('contributor');
    const exp = (await expectJson(await t.call('POST', '/api/v1/experiments', owner, { name: 'appends', status: 'public' }), 201)).id;
    const form = new FormData();
    form.append('file', new Blob([first]), 'cell.csv');
    id = (await expectJson<{ dataFileId: number }>(await t.app.request(`/api/v1/experiments/${exp}/files`, { method: 'POST', headers: { authorization: owner.headers.authorization }, body: form }), 201)).dataFileId;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = (user: TestUser, query: string, body: Buffer) =>
    t.app.request(`/api/v1/data-files/${id}/append?${query}`, { method: 'POST', headers: { authorization: user.headers.authorization, 'content-type': 'application/octet-stream' }, body: new Uint8Array(body) });

  it('appends at the stored size with the right tail, and queues the grown file', async () => {
    const res = await expectJson(await append(owner, `offset=${first.length}&tailSha256=${sha(first)}`, more), 202);
    expect(res).toMatchObject({ dataFileId: id, sizeBytes: first.length + more.length, sha256: sha(Buffer.concat([first, more])), change: 'appended' });
    expect(res.jobId).toBeGreaterThan(0);
    const row = await expectJson(await t.call('GET', `/api/v1/data-files/${id}`, owner));
    expect(row).toMatchObject({ size_bytes: first.length + more.length, state: 'queued' });
    const raw = Buffer.from(await (await t.call('GET', `/api/v1/data-files/${id}/raw`, owner)).arrayBuffer());
    expect(raw.equals(Buffer.concat([first, more]))).toBe(true);
  });

  it('a retry of an append that landed answers 409 with the stored size and sha256 the sender expects', async () => {
    const res = await append(owner, `offset=${first.length}&tailSha256=${sha(first)}`, more);
    const body = await expectJson<ErrorBody & { error: { reason: string; storedSize: number; sha256: string; tailSha256: string } }>(res, 409);
    expect(body.error).toMatchObject({ reason: 'offset', storedSize: first.length + more.length, sha256: sha(Buffer.concat([first, more])), tailSha256: sha(Buffer.concat([first, more])) });
  });

  it('refuses a prefix that differs (a rewritten file) with 409, and replaces the whole file from offset 0', async () => {
    const size = first.length + more.length;
    const res = await append(owner, `offset=${size}&tailSha256=${sha(Buffer.from('something else'))}`, more);
    expect((await expectJson<{ error: { reason: string } }>(res, 409)).error.reason).toBe('prefix');
    const replaced = await expectJson(await append(owner, 'offset=0', first), 202);
    expect(replaced).toMatchObject({ change: 'replaced', sizeBytes: first.length });
    expect((await expectJson(await append(owner, 'offset=0', first), 202)).change).toBe('unchanged');
  });

  it('400 without a valid offset or tail; 403 for a reader of the public file; 404 for a hidden one', async () => {
    expect((await append(owner, 'offset=-1', more)).status).toBe(400);
    expect((await append(owner, `offset=${first.length}`, more)).status).toBe(400);
    expect((await append(other, `offset=${first.length}&tailSha256=${sha(first)}`, more)).status).toBe(403);
    expect((await t.app.request(`/api/v1/data-files/999999/append?offset=0`, { method: 'POST', headers: { authorization: owner.headers.authorization }, body: new Uint8Array(more) })).status).toBe(404);
  });
});
