import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type ErrorBody } from '../../tests/setup/api-json.js';
import { settledDataFile } from '../../tests/setup/settled-data-file.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { startWorkers, type RunningWorkers } from '../ingest/worker.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import type { Channel, Harvester } from './monitor.schemas.js';

/**
 * The channel monitor over a real database and ingest worker, on a controlled clock (`deps.now`):
 * heartbeats and online/offline, a channel's state from its own appends, rows and rate from its
 * parses, a failed parse, and who sees what.
 */
describe('channel monitor API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'monitor-'));
  const t0 = Date.parse('2026-12-01T08:00:00Z');
  const at = (s: number) => new Date(t0 + s * 1000);
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let maintainer: TestUser;
  let workers: RunningWorkers;
  let experimentId: number;
  let csv: Buffer;
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const cutAt = (fraction: number) => csv.subarray(0, Math.floor(csv.length * fraction)).lastIndexOf(0x0a) + 1;
  const harvester = { 'x-liionsden-harvester': 'cycler-pc-1' };

  beforeAll(async () => {
    t = await createTestApp({ config: { dataDir: join(dir, 'data') } });
    [owner, other, maintainer] = [await t.createUser('contributor'), await t.createUser('contributor'), await t.createUser('maintainer')];
    workers = startWorkers({ db: t.deps.db, blobStore: openBlobStore(t.deps.config) }, { count: 1, pollMs: 50, leaseMs: 30_000 });
    experimentId = (await expectJson(await t.call('POST', '/api/v1/experiments', owner, { name: 'monitored', status: 'private' }), 201)).id;
    execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', '3000', '--out', join(dir, 'ch.csv')], { stdio: 'ignore' });
    csv = readFileSync(join(dir, 'ch.csv'));
  });
  afterAll(async () => {
    await workers.stop();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = async (name: string, bytes: Buffer, headers: Record<string, string>) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const res = await t.app.request(`/api/v1/experiments/${experimentId}/files`, { method: 'POST', headers: { authorization: owner.headers.authorization, ...headers }, body: form });
    return (await expectJson<{ dataFileId: number }>(res, 201)).dataFileId;
  };
  const append = async (id: number, from: number, to: number) => {
    const query = `offset=${from}&tailSha256=${sha(csv.subarray(Math.max(0, from - 65536), from))}`;
    const res = await t.app.request(`/api/v1/data-files/${id}/append?${query}`, { method: 'POST', headers: { authorization: owner.headers.authorization, 'content-type': 'application/octet-stream', ...harvester }, body: new Uint8Array(csv.subarray(from, to)) });
    await expectJson(res, 202);
  };
  const channels = async (user: TestUser | null, now: Date) => {
    t.deps.now = () => now;
    return (await expectJson<{ items: Channel[] }>(await t.call('GET', '/api/v1/monitor/channels', user))).items;
  };
  const beat = (user: TestUser | null, body: Record<string, unknown>) =>
    t.call('POST', '/api/v1/harvesters/heartbeat', user, { name: 'cycler-pc-1', host: 'lab-pc', version: '0.1.0', startedAt: at(0).toISOString(), intervalS: 60, pathsCount: 1, files: 2, ...body });

  it('records heartbeats per harvester name and shows it offline after 3 missed intervals', async () => {
    t.deps.now = () => at(0);
    const first = await expectJson<Harvester>(await beat(owner, { lastScan: { files: 2, uploaded: 1, ms: 12 } }));
    t.deps.now = () => at(30);
    const again = await expectJson<Harvester>(await beat(owner, { files: 3, lastError: 'ch9.csv: HTTP 403' }));
    expect(again).toMatchObject({ id: first.id, files: 3, lastScan: null, lastError: 'ch9.csv: HTTP 403', lastSeenAt: at(30).toISOString(), online: true });
    const list = async (user: TestUser, s: number) => {
      t.deps.now = () => at(s);
      return (await expectJson<{ items: Harvester[] }>(await t.call('GET', '/api/v1/harvesters', user))).items;
    };
    expect((await list(owner, 30 + 180)).map((h) => [h.name, h.online])).toEqual([['cycler-pc-1', true]]);
    expect((await list(owner, 30 + 181))[0].online).toBe(false);
    expect(await list(other, 40)).toEqual([]);
    expect((await list(maintainer, 40)).map((h) => h.id)).toEqual([first.id]);
  });

  it('refuses a heartbeat without a user or with bad fields, saying which', async () => {
    expect((await beat(null, {})).status).toBe(401);
    const bad = await expectJson<ErrorBody>(await beat(owner, { intervalS: 0 }), 400);
    expect(bad.error.issues?.map((i) => i.field)).toContain('intervalS');
  });

  it('lists a harvested file as running while appends come at its usual interval, stalled after N × it', async () => {
    const [c1, c2, c3] = [cutAt(0.4), cutAt(0.7), csv.length];
    t.deps.now = () => at(0);
    const id = await upload('ch1.csv', csv.subarray(0, c1), harvester);
    const rows1 = Number((await settledDataFile(t, owner, id, sha(csv.subarray(0, c1)))).row_count);
    t.deps.now = () => at(600);
    await append(id, c1, c2);
    await settledDataFile(t, owner, id, sha(csv.subarray(0, c2)));
    t.deps.now = () => at(1200);
    await append(id, c2, c3);
    const rows3 = Number((await settledDataFile(t, owner, id, sha(csv))).row_count);
    await upload('by-hand.csv', Buffer.from('Data_Point,Test_Time(s),Current(A),Voltage(V)\n1,0,0,3.5\n'), {});

    const [running] = await channels(owner, at(1200 + 60));
    expect(running).toMatchObject({ dataFileId: id, name: 'ch1.csv', harvesterName: 'cycler-pc-1', state: 'running', parseState: 'ready', rows: rows3, appends: 3, usualIntervalS: 600, idleS: 60, lastAppendAt: at(1200).toISOString(), lastError: null });
    expect(running.rateRowsPerHour).toBe(Math.round((rows3 - rows1) / (1200 / 3600)));
    expect(running.lastTestTimeS).toBeGreaterThan(0);
    expect((await channels(owner, at(1200 + 3 * 600))).map((c) => c.state)).toEqual(['running']);
    expect((await channels(owner, at(1200 + 3 * 600 + 1))).map((c) => c.state)).toEqual(['stalled']);
  });

  it('shows a file whose last parse failed as failed, with its error', async () => {
    t.deps.now = () => at(2000);
    const id = await upload('ch2.csv', Buffer.from('this is no cycler file\nat all\n'), harvester);
    await settledDataFile(t, owner, id, sha(Buffer.from('this is no cycler file\nat all\n')));
    const failed = (await channels(owner, at(2010))).find((c) => c.dataFileId === id);
    expect(failed).toMatchObject({ state: 'failed', parseState: 'failed' });
    expect(failed?.lastError).toBeTruthy();
  });

  it('shows channels and their harvester only to who may see the data files', async () => {
    expect(await channels(other, at(2010))).toEqual([]);
    expect(await channels(null, at(2010))).toEqual([]);
    expect((await channels(maintainer, at(2010))).length).toBe(2);
    await expectJson(await t.call('PATCH', `/api/v1/experiments/${experimentId}`, owner, { status: 'public' }));
    expect(await channels(other, at(2010))).toEqual([]); // the data files themselves stay private
  });
});
