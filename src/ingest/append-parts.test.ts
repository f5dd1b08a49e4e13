import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type ErrorBody } from '../../tests/setup/api-json.js';
import { settledDataFile } from '../../tests/setup/settled-data-file.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { isPartsKey } from '../storage/raw-parts.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { startWorkers, type RunningWorkers } from './worker.js';

/** A real Arbin export grown by appends is stored as parts (ADR 0019) and reads back, hashes and parses as the whole file. */
describe('a data file grown by appends, stored as parts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'append-parts-'));
  const whole = readFileSync('../shared/fixtures/arbin/arbin_example.csv');
  const cuts = [0.6, 0.8, 1].map((f) => (f === 1 ? whole.length : whole.indexOf(0x0a, Math.floor(whole.length * f)) + 1));
  const pieces = cuts.map((end, i) => whole.subarray(i === 0 ? 0 : cuts[i - 1], end));
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  let t: TestApp;
  let owner: TestUser;
  let workers: RunningWorkers;
  let experimentId: number;
  let id: number;

  beforeAll(async () => {
    t = await createTestApp({ config: { dataDir: dir } });
    owner = await t.createUser('contributor');
    workers = startWorkers({ db: t.deps.db, blobStore: openBlobStore(t.deps.config) }, { count: 1, pollMs: 50, leaseMs: 30_000 });
    experimentId = (await expectJson(await t.call('POST', '/api/v1/experiments', owner, { name: 'parts', status: 'private' }), 201)).id;
    id = (await expectJson<{ dataFileId: number }>(await upload(pieces[0]), 201)).dataFileId;
    await settledDataFile(t, owner, id, sha(pieces[0]));
    let stored = pieces[0];
    for (const piece of pieces.slice(1)) {
      const tail = stored.subarray(Math.max(0, stored.length - 64 * 1024));
      const res = await t.app.request(`/api/v1/data-files/${id}/append?offset=${stored.length}&tailSha256=${sha(tail)}`, {
        method: 'POST', headers: { authorization: owner.headers.authorization, 'content-type': 'application/octet-stream' }, body: new Uint8Array(piece),
      });
      expect((await expectJson(res, 202)).change).toBe('appended');
      stored = Buffer.concat([stored, piece]);
      await settledDataFile(t, owner, id, sha(stored));
    }
  });
  afterAll(async () => {
    await workers.stop();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function upload(bytes: Uint8Array) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), 'arbin_example.csv');
    return t.app.request(`/api/v1/experiments/${experimentId}/files`, { method: 'POST', headers: { authorization: owner.headers.authorization }, body: form });
  }

  it('records the whole file\'s sha256 and size, under a parts manifest', async () => {
    const row = await t.deps.db.selectFrom('data_files').select(['blob_key', 'sha256', 'size_bytes', 'state']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ sha256: sha(whole), state: 'ready' });
    expect(Number(row.size_bytes)).toBe(whole.length);
    expect(isPartsKey(row.blob_key)).toBe(true);
  });

  it('downloads as the concatenation of what was sent, whole and by range', async () => {
    const raw = Buffer.from(await (await t.call('GET', `/api/v1/data-files/${id}/raw`, owner)).arrayBuffer());
    expect(raw.equals(whole)).toBe(true);
    const from = cuts[0] - 10;
    const res = await t.app.request(`/api/v1/data-files/${id}/raw`, { headers: { authorization: owner.headers.authorization, range: `bytes=${from}-${from + 99}` } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).equals(whole.subarray(from, from + 100))).toBe(true);
  });

  it('an upload of the same whole bytes is found as a copy of the grown file (de-duplication by sha256)', async () => {
    const res = await upload(whole);
    expect((await expectJson<ErrorBody>(res, 409)).error.message).toMatch(/already/i);
  });

  it('reprocesses to the same rows as the appends stored', async () => {
    const before = await expectJson(await t.call('GET', `/api/v1/data-files/${id}`, owner));
    const series = async () => expectJson(await t.call('GET', `/api/v1/data-files/${id}/series?columns=Voltage / V`, owner));
    const appended = await series();
    await expectJson(await t.call('POST', `/api/v1/data-files/${id}/reprocess`, owner), 202);
    const after = await settledDataFile(t, owner, id, sha(whole));
    expect(after).toMatchObject({ state: 'ready', row_count: before.row_count });
    expect(await series()).toEqual(appended);
  });
});
