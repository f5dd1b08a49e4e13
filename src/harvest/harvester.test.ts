import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { settledDataFile } from '../../tests/setup/settled-data-file.js';
import { startWorkers, type RunningWorkers } from '../ingest/worker.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { HarvestApi } from './harvest-api.js';
import { loadHarvestState, saveHarvestState } from './harvest-state.js';
import { runHarvester, type HarvesterOptions } from './harvester.js';
import { sha256Range } from './local-file.js';

/**
 * The harvester against a real server (HTTP on loopback, real database and workers): a cycler file
 * that grows with cut lines stays one data file with every complete row once; nothing changed sends
 * nothing; a lost state file, a send that landed before a crash, a rewritten file and a server
 * outage neither duplicate nor lose rows.
 */
describe('liionsden harvest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harvest-'));
  const folder = join(dir, 'cycler');
  const channel = join(folder, 'ch1', 'Channel_1.csv');
  let t: TestApp;
  let user: TestUser;
  let workers: RunningWorkers;
  let server: ServerType;
  let port: number;
  let experimentId: number;
  let full: Buffer;
  let opts: HarvesterOptions;

  const listen = (p = 0) => new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: p, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const close = (s: ServerType) => new Promise<void>((resolve) => s.close(() => resolve()));

  beforeAll(async () => {
    t = await createTestApp({ config: { dataDir: join(dir, 'data') } });
    user = await t.createUser('contributor');
    workers = startWorkers({ db: t.deps.db, blobStore: openBlobStore(t.deps.config) }, { count: 1, pollMs: 50, leaseMs: 30_000 });
    server = await listen();
    port = (server.address() as AddressInfo).port;
    experimentId = (await expectJson(await t.call('POST', '/api/v1/experiments', user, { name: 'harvested', status: 'private' }), 201)).id;
    execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', '20000', '--out', join(dir, 'full.csv')], { stdio: 'ignore' });
    full = readFileSync(join(dir, 'full.csv'));
    mkdirSync(join(folder, 'ch1'), { recursive: true });
    opts = { server: `http://127.0.0.1:${port}`, token: user.headers.authorization.slice('Bearer '.length), folder, experimentId, statePath: join(dir, 'state.json'), backoffMs: 50, maxBackoffMs: 200 };
  });
  afterAll(async () => {
    await close(server);
    await workers.stop();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const files = async () => (await expectJson<{ items: Row[] }>(await t.call('GET', `/api/v1/data-files?experiment_id=${experimentId}&sort=id`, user))).items;
  /** Complete data rows in the first `bytes` bytes of the synthetic file (its header is one line). */
  const completeRows = (bytes: number) => full.subarray(0, bytes).toString('latin1').split('\n').length - 2;

  const settled = (id: number, sha256: string): Promise<Row> => settledDataFile(t, user, id, sha256);
  const sendable = (bytes: number) => full.subarray(0, bytes).lastIndexOf(0x0a) + 1;
  const shaOf = (bytes: number) => sha256Range(join(dir, 'full.csv'), 0, sendable(bytes));

  it('uploads a new file up to its last complete line, then appends only the new complete lines', async () => {
    const cut1 = Math.floor(full.length * 0.3) + 7; // mid-line: the cycler is writing it
    writeFileSync(channel, full.subarray(0, cut1));
    expect(await runHarvester(opts, { once: true })).toMatchObject({ files: 1, uploaded: 1, failed: 0 });
    const [first] = await files();
    expect(first.name).toBe('ch1/Channel_1.csv');
    expect(first.size_bytes).toBe(sendable(cut1));
    expect(await settled(first.id, await shaOf(cut1))).toMatchObject({ state: 'ready', row_count: completeRows(sendable(cut1)) });

    const cut2 = Math.floor(full.length * 0.6) + 3;
    appendFileSync(channel, full.subarray(cut1, cut2));
    expect(await runHarvester(opts, { once: true })).toMatchObject({ appended: 1, uploaded: 0 });
    const after = await files();
    expect(after.map((f) => f.id)).toEqual([first.id]);
    expect(await settled(first.id, await shaOf(cut2))).toMatchObject({ state: 'ready', row_count: completeRows(sendable(cut2)) });
    const history = await expectJson<{ changes: Record<string, { new: unknown }> }[]>(await t.call('GET', `/api/v1/data-files/${first.id}/history`, user));
    expect(history.some((h) => String(h.changes.raw?.new ?? '').endsWith('bytes appended'))).toBe(true);
  });

  it('sends nothing when nothing changed, and a binary file whole, once', async () => {
    copyFileSync('../shared/fixtures/neware/test_2.ndax', join(folder, 'test_2.ndax'));
    expect(await runHarvester(opts, { once: true })).toMatchObject({ files: 2, uploaded: 1, unchanged: 1 });
    expect(await runHarvester(opts, { once: true })).toMatchObject({ files: 2, unchanged: 2, uploaded: 0, appended: 0 });
    expect((await files()).length).toBe(2);
  });

  it('a harvester that lost its state, or was killed after a send landed, finds its data files again: no duplicates', async () => {
    rmSync(opts.statePath);
    expect(await runHarvester(opts, { once: true })).toMatchObject({ files: 2, adopted: 2, uploaded: 0 });
    // A send that landed on the server, then the harvester died before recording it.
    const cut3 = Math.floor(full.length * 0.8) + 11;
    appendFileSync(channel, full.subarray(Math.floor(full.length * 0.6) + 3, cut3));
    const state = await loadHarvestState(opts.statePath);
    const entry = state.files['ch1/Channel_1.csv'];
    const end = sendable(cut3);
    entry.pending = { kind: 'append', offset: entry.stored, end, tailSha256: await sha256Range(channel, Math.max(0, end - 65536), end) };
    await saveHarvestState(opts.statePath, state);
    await new HarvestApi(opts).append(entry.dataFileId!, channel, entry.stored, end, await sha256Range(channel, Math.max(0, entry.stored - 65536), entry.stored));
    expect(await runHarvester(opts, { once: true })).toMatchObject({ failed: 0, uploaded: 0 });
    const [csv] = await files();
    expect(csv.size_bytes).toBe(end);
    expect(await settled(csv.id, await shaOf(cut3))).toMatchObject({ state: 'ready', row_count: completeRows(end) });
    expect((await files()).length).toBe(2);
  });

  it('catches up after a server outage, with every row once', async () => {
    await close(server);
    writeFileSync(channel, full);
    const harvest = runHarvester(opts, { once: true });
    await new Promise((r) => setTimeout(r, 500)); // it retries meanwhile
    server = await listen(port);
    expect(await harvest).toMatchObject({ appended: 1, failed: 0 });
    const [csv] = await files();
    expect(await settled(csv.id, await shaOf(full.length))).toMatchObject({ state: 'ready', row_count: completeRows(full.length) });
  });

  it('a rewritten file becomes a new version of the same data file, never a second one', async () => {
    execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', '5000', '--seed', '7', '--out', channel], { stdio: 'ignore' });
    expect(await runHarvester(opts, { once: true })).toMatchObject({ replaced: 1, uploaded: 0 });
    const list = await files();
    expect(list.length).toBe(2);
    const rewritten = await settled(list[0].id, await sha256Range(channel, 0, readFileSync(channel).length));
    expect(rewritten).toMatchObject({ state: 'ready', row_count: 5000 });
  });
});
