import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type ErrorBody, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { readAll } from '../storage/blob-store.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { duckdbConnection, withLocalSeriesFile } from '../storage/series-store.js';
import { startWorkers, type RunningWorkers } from './worker.js';

const fixture = (p: string) => readFileSync(join('..', 'shared', 'fixtures', p));

let t: TestApp;
let owner: TestUser;
let other: TestUser;
let workers: RunningWorkers;
const dataDir = mkdtempSync(join(tmpdir(), 'liionsden-ingest-'));

beforeAll(async () => {
  t = await createTestApp({ config: { dataDir, maxUploadBytes: 2_000_000 } });
  owner = await t.createUser('contributor');
  other = await t.createUser('contributor');
  workers = startWorkers({ db: t.deps.db, blobStore: openBlobStore(t.deps.config) }, { count: 2, pollMs: 50, leaseMs: 30_000 });
});
afterAll(async () => {
  await workers.stop();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function newExperiment(user: TestUser, status: 'private' | 'public' = 'private'): Promise<number> {
  return (await expectJson(await t.call('POST', '/api/v1/experiments', user, { name: `exp ${Math.random()}`, status }), 201)).id;
}

async function upload(user: TestUser, experimentId: number, files: Record<string, { name: string; bytes: Uint8Array }>, fields: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [field, f] of Object.entries(files)) form.append(field, new Blob([new Uint8Array(f.bytes)]), f.name);
  return t.app.request(`/api/v1/experiments/${experimentId}/files`, { method: 'POST', headers: { authorization: user.headers.authorization }, body: form });
}

async function waitForSettled(id: number, user = owner): Promise<Row> {
  for (let i = 0; i < 1200; i++) {
    const row = await expectJson(await t.call('GET', `/api/v1/data-files/${id}`, user));
    if (row.state === 'ready' || row.state === 'failed') return row;
    await new Promise((r) => setTimeout(r, 200));
  }
  const jobs = await t.deps.db.selectFrom('jobs').selectAll().where('data_file_id', '=', id).execute();
  throw new Error(`data file ${id} never settled: ${JSON.stringify(jobs)}`);
}

type History = { action: string; username: string | null; changes: Record<string, { old: unknown; new: unknown }> }[];

describe('upload → ingest', () => {
  it('ingests an Arbin CSV: queued at once, then ready with cycles, steps, flags and a readable Parquet series', async () => {
    const exp = await newExperiment(owner);
    const res = await upload(owner, exp, { file: { name: 'arbin_example.csv', bytes: fixture('arbin/arbin_example.csv') } }, { timezone: 'Europe/London' });
    const created = await expectJson<{ dataFileId: number; state: string }>(res, 201);
    expect(created.state).toBe('queued');
    const file = await waitForSettled(created.dataFileId);
    expect(file.error).toBeNull();
    expect(file).toMatchObject({ state: 'ready', format: 'arbin-csv', row_count: 2142, timezone: 'Europe/London' });
    expect(Array.isArray(file.quality_flags)).toBe(true);
    const cycles = await t.deps.db.selectFrom('cycle_summaries').selectAll().where('data_file_id', '=', created.dataFileId).orderBy('cycle').execute();
    expect(cycles.length).toBeGreaterThanOrEqual(2);
    expect(cycles[0].discharge_capacity_ah).toBeGreaterThan(0);
    const steps = await t.deps.db.selectFrom('steps').select('step_count').where('data_file_id', '=', created.dataFileId).execute();
    expect(steps.length).toBeGreaterThan(cycles.length);
    const store = openBlobStore(t.deps.config);
    const con = await duckdbConnection();
    const count = await withLocalSeriesFile(store, String(file.series_key), async (path) =>
      (await con.runAndReadAll(`select count(*)::int, count("Voltage / V")::int from read_parquet('${path}')`)).getRows()[0],
    );
    expect(count).toEqual([2142, 2142]);
    const versions = await t.deps.db.selectFrom('data_file_versions').selectAll().where('data_file_id', '=', created.dataFileId).execute();
    expect(versions).toHaveLength(1);
    // The file's edit history: who uploaded what, then what the parse made of it (no user: the worker).
    const history = await expectJson<History>(await t.call('GET', `/api/v1/data-files/${created.dataFileId}/history`, owner));
    expect(history.map((h) => [h.action, h.username])).toEqual([['create', owner.username], ['update', null]]);
    expect(history[0].changes).toMatchObject({ original_name: { new: 'arbin_example.csv' }, sha256: { new: file.sha256 }, state: { new: 'queued' } });
    expect(history[1].changes).toEqual({
      state: { old: 'queued', new: 'ready' }, format: { old: null, new: 'arbin-csv' }, parser_version: { old: null, new: file.parser_version }, row_count: { old: null, new: 2142 },
    });
  });

  it('ingests a Neware .ndax with 54 cycles', async () => {
    const exp = await newExperiment(owner);
    const created = await expectJson<{ dataFileId: number }>(await upload(owner, exp, { file: { name: 'test_2.ndax', bytes: fixture('neware/test_2.ndax') } }), 201);
    const file = await waitForSettled(created.dataFileId);
    expect(file).toMatchObject({ state: 'ready', row_count: 108_563 });
    const n = await t.deps.db.selectFrom('cycle_summaries').select((eb) => eb.fn.countAll<number>().as('n')).where('data_file_id', '=', created.dataFileId).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThanOrEqual(50);
  });

  it('a refused file ends failed with its error, keeps the raw bytes, and can be retried and reprocessed', async () => {
    const exp = await newExperiment(owner);
    const bytes = new TextEncoder().encode('this is not a cycler file\nat all\n');
    const created = await expectJson<{ dataFileId: number }>(await upload(owner, exp, { file: { name: 'notes.txt', bytes } }), 201);
    const failed = await waitForSettled(created.dataFileId);
    expect(failed.state).toBe('failed');
    expect((failed.error as { message: string }).message).toMatch(/notes\.txt/);
    expect(Buffer.from(await readAll(openBlobStore(t.deps.config), String(failed.blob_key))).equals(Buffer.from(bytes))).toBe(true);
    await expectJson(await t.call('POST', `/api/v1/data-files/${created.dataFileId}/reprocess`, other), 404);
    const retried = await expectJson<{ jobId: number }>(await t.call('POST', `/api/v1/data-files/${created.dataFileId}/retry`, owner), 202);
    expect(retried.jobId).toBeGreaterThan(0);
    expect((await waitForSettled(created.dataFileId)).state).toBe('failed');
    const jobs = await t.deps.db.selectFrom('jobs').select(['state']).where('data_file_id', '=', created.dataFileId).execute();
    expect(jobs.map((j) => j.state)).toEqual(['failed', 'failed']);
    // Upload, failure, the owner's retry, failure again: each in the history with its error.
    const history = await expectJson<History>(await t.call('GET', `/api/v1/data-files/${created.dataFileId}/history`, owner));
    expect(history.map((h) => [h.action, h.username, (h.changes.state as { new: string } | undefined)?.new])).toEqual([
      ['create', owner.username, 'queued'], ['update', null, 'failed'], ['update', owner.username, 'queued'], ['update', null, 'failed'],
    ]);
    expect((history[1].changes.error as { new: { message: string } }).new.message).toMatch(/notes\.txt/);
    expect(history[2].changes.error).toEqual({ old: history[1].changes.error.new, new: null });
  });

  it('reprocess of a ready file replaces its series and records the version history', async () => {
    const exp = await newExperiment(owner);
    const created = await expectJson<{ dataFileId: number }>(await upload(owner, exp, { file: { name: 'FastCharge_000025_CH8.csv', bytes: fixture('arbin/FastCharge_000025_CH8.csv') }, metadata: { name: 'FastCharge_000025_CH8_Metadata.csv', bytes: fixture('arbin/FastCharge_000025_CH8_Metadata.csv') } }), 201);
    const first = await waitForSettled(created.dataFileId);
    expect(first.state).toBe('ready');
    await expectJson(await t.call('POST', `/api/v1/data-files/${created.dataFileId}/retry`, owner), 409);
    await expectJson(await t.call('POST', `/api/v1/data-files/${created.dataFileId}/reprocess`, owner), 202);
    const second = await waitForSettled(created.dataFileId);
    expect(second.state).toBe('ready');
    expect(second.series_key).not.toBe(first.series_key);
    // The superseded object is removed just after the commit that made the new one current.
    const store = openBlobStore(t.deps.config);
    for (let i = 0; i < 100 && (await store.size(String(first.series_key))) !== null; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await store.size(String(first.series_key))).toBeNull();
    const versions = await t.deps.db.selectFrom('data_file_versions').select('parser_version').where('data_file_id', '=', created.dataFileId).execute();
    expect(versions).toHaveLength(2);
    const companions = await t.deps.db.selectFrom('data_file_companions').select('kind').where('data_file_id', '=', created.dataFileId).execute();
    expect(companions).toEqual([{ kind: 'metadata' }]);
  });

  it('refuses the same file twice in one experiment (409 naming it) but allows it in another', async () => {
    const a = await newExperiment(owner);
    const b = await newExperiment(owner);
    const bytes = fixture('arbin/sample_data_arbin.csv');
    const first = await expectJson<{ dataFileId: number }>(await upload(owner, a, { file: { name: 'x.csv', bytes } }), 201);
    const dup = await expectJson<ErrorBody & { error: { dataFileId: number } }>(await upload(owner, a, { file: { name: 'y.csv', bytes } }), 409);
    expect(dup.error.dataFileId).toBe(first.dataFileId);
    await expectJson(await upload(owner, b, { file: { name: 'x.csv', bytes } }), 201);
  });

  it('refuses a file over MAX_UPLOAD_BYTES with 413 and creates nothing', async () => {
    const exp = await newExperiment(owner);
    const res = await upload(owner, exp, { file: { name: 'big.csv', bytes: new Uint8Array(2_000_001) } });
    expect((await expectJson<ErrorBody>(res, 413)).error.code).toBe('PAYLOAD_TOO_LARGE');
    const rows = await t.deps.db.selectFrom('data_files').select('id').where('experiment_id', '=', exp).execute();
    expect(rows).toEqual([]);
  });

  it('hides a private experiment: another user can neither upload into it nor see its files', async () => {
    const exp = await newExperiment(owner);
    const created = await expectJson<{ dataFileId: number }>(await upload(owner, exp, { file: { name: 'arbin.csv', bytes: fixture('arbin/arbin.csv') } }), 201);
    expect((await expectJson<ErrorBody>(await upload(other, exp, { file: { name: 'a.csv', bytes: fixture('arbin/arbin.csv') } }), 404)).error.code).toBe('NOT_FOUND');
    await expectJson(await t.call('GET', `/api/v1/data-files/${created.dataFileId}`, other), 404);
    const reader = await t.createUser('read_only');
    const pub = await newExperiment(owner, 'public');
    await expectJson(await upload(reader, pub, { file: { name: 'a.csv', bytes: fixture('arbin/arbin.csv') } }), 403);
    await expectJson(await upload(other, pub, { file: { name: 'a.csv', bytes: fixture('arbin/arbin.csv') } }), 403);
  });

  it('20 concurrent uploads of different files all end ready', async () => {
    const exp = await newExperiment(owner);
    const base = fixture('arbin/FastCharge_000025_CH8.csv').toString('latin1');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => upload(owner, exp, { file: { name: `cell-${i}.csv`, bytes: Buffer.from(`${base}`.replace(/\r\n$/, `\r\n`) + ' '.repeat(i), 'latin1') } })),
    );
    const ids = await Promise.all(responses.map(async (r) => (await expectJson<{ dataFileId: number }>(r, 201)).dataFileId));
    expect(new Set(ids).size).toBe(20);
    const settled = await Promise.all(ids.map((id) => waitForSettled(id)));
    expect(settled.map((f) => f.state)).toEqual(Array(20).fill('ready'));
  }, 300_000);
});
