import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { startWorkers, type RunningWorkers } from '../ingest/worker.js';
import { openBlobStore } from '../storage/open-blob-store.js';

/**
 * kill -9 of the harvester at random points while cycler files grow (lines cut mid-way), with the
 * server's HTTP listener closed now and then: after a final clean run every file is one data file
 * whose raw bytes are exactly the file's, so every row is stored once, in order. Seeded;
 * HARVEST_KILL_TRIALS sets the number of kills (CI: 8; the long run in bench/ uses more).
 */
const TRIALS = Number(process.env.HARVEST_KILL_TRIALS ?? 8);
const SEED = Number(process.env.HARVEST_KILL_SEED ?? 20261207);

describe('harvester killed at random points', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harvest-kill-'));
  const folder = join(dir, 'cycler');
  let cli: string;
  let t: TestApp;
  let user: TestUser;
  let workers: RunningWorkers;
  let server: ServerType | null = null;
  let port = 0;
  let experimentId: number;
  const sources: { name: string; bytes: Buffer; written: number }[] = [];
  let seed = SEED;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);

  const listen = () => new Promise<ServerType>((done) => {
    const s = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' }, () => done(s));
  });
  const close = (s: ServerType) => new Promise<void>((done) => s.close(() => done()));

  beforeAll(async () => {
    t = await createTestApp({ config: { dataDir: join(dir, 'data') } });
    user = await t.createUser('contributor');
    server = await listen();
    port = (server.address() as AddressInfo).port;
    experimentId = (await expectJson(await t.call('POST', '/api/v1/experiments', user, { name: 'killed harvester', status: 'private' }), 201)).id;
    cli = resolve('.tmp', `harvest-cli-${process.pid}.mjs`);
    await build({ entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: cli, logLevel: 'silent' });
    mkdirSync(folder, { recursive: true });
    for (const [format, name, rows] of [['arbin-csv', 'ch1.csv', 12000], ['maccor-txt', 'ch2.txt', 8000], ['biologic-mpt', 'ch3.mpt', 8000]] as const) {
      const out = join(dir, `full-${name}`);
      execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', format, '--rows', String(rows), '--seed', String(SEED % 1000), '--out', out], { stdio: 'ignore' });
      sources.push({ name, bytes: readFileSync(out), written: 0 });
      writeFileSync(join(folder, name), '');
    }
  }, 120_000);
  afterAll(async () => {
    if (server) await close(server);
    await workers?.stop();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(cli, { force: true });
  });

  /** Each file grows by a random share of what is left, cut anywhere (mid-line too). */
  function grow(share: number) {
    for (const s of sources) {
      const next = Math.min(s.bytes.length, s.written + Math.ceil(rand() * share * s.bytes.length));
      appendFileSync(join(folder, s.name), s.bytes.subarray(s.written, next));
      s.written = next;
    }
  }

  function harvester(once: boolean) {
    const env = { ...process.env, LIIONSDEN_TOKEN: user.headers.authorization.slice('Bearer '.length) };
    const args = [cli, 'harvest', folder, '--server', `http://127.0.0.1:${port}`, '--experiment', String(experimentId), '--interval', '1', ...(once ? ['--once'] : [])];
    return spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  }

  it(`${TRIALS} kills: every file one data file holding exactly its complete lines`, async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      grow(1 / (TRIALS + 2));
      const outage = rand() < 0.25;
      if (outage && server) {
        await close(server);
        server = null;
      }
      const child = harvester(false);
      await new Promise((r) => setTimeout(r, 300 + rand() * 1200));
      if (!server) server = await listen();
      await new Promise((r) => setTimeout(r, rand() * 1000));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    for (const s of sources) {
      appendFileSync(join(folder, s.name), s.bytes.subarray(s.written));
      s.written = s.bytes.length;
    }
    const last = harvester(true);
    let stderr = '';
    last.stderr!.on('data', (d) => (stderr += String(d)));
    const code = await new Promise((r) => last.once('exit', r));
    expect(code, stderr).toBe(0);

    const files = (await expectJson<{ items: Row[] }>(await t.call('GET', `/api/v1/data-files?experiment_id=${experimentId}&sort=name`, user))).items;
    expect(files.map((f) => f.name)).toEqual(sources.map((s) => s.name));
    for (const [i, s] of sources.entries()) {
      const raw = Buffer.from(await (await t.call('GET', `/api/v1/data-files/${files[i].id}/raw`, user)).arrayBuffer());
      expect(raw.equals(s.bytes), `${s.name}: stored ${raw.length} bytes, file ${s.bytes.length}`).toBe(true);
    }
    // And parsed once more from those bytes: ready with one row per data line.
    workers = startWorkers({ db: t.deps.db, blobStore: openBlobStore(t.deps.config) }, { count: 1, pollMs: 50, leaseMs: 30_000 });
    for (const f of files) {
      let row = f;
      for (let i = 0; i < 600 && row.state !== 'ready' && row.state !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        row = await expectJson(await t.call('GET', `/api/v1/data-files/${f.id}`, user));
      }
      expect(row.state, JSON.stringify(row.error)).toBe('ready');
    }
  }, 300_000);
});
