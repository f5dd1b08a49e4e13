import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { build } from 'esbuild';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { putContent } from '../storage/blob-store.js';
import { createLocalBlobStore } from '../storage/local-blob-store.js';
import { enqueueIngestJob } from './job-queue.js';

// Two processes must share the database, which PGlite (one process) cannot: this runs on PostgreSQL only.
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('a worker killed with SIGKILL mid-ingest (PostgreSQL only: set TEST_DATABASE_URL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liionsden-crash-'));
  const dbName = `liionsden_crash_${randomBytes(4).toString('hex')}`;
  let dbUrl: string;
  let handle: DatabaseHandle;
  let cli: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(url!);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
    handle = openDatabase({ databaseUrl: dbUrl });
    await migrateToLatest(handle.db);
    // The CLI as a separate Node process: bundled from source so the test does not depend on a stale dist/.
    cli = resolve('.tmp', `crash-cli-${process.pid}.mjs`);
    await build({ entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: cli, logLevel: 'silent' });
    mkdirSync(join(dir, 'tmp', 'liionsden-series'), { recursive: true });
    const synth = spawnSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', '300000', '--out', join(dir, 'cell.csv')]);
    expect(synth.status).toBe(0);
  });
  // Each case's workers go with it, so that the next case's job is claimed by its own workers only.
  afterEach(async () => {
    for (const c of children.splice(0)) {
      if (c.exitCode === null && c.signalCode === null) {
        c.kill('SIGKILL');
        await new Promise((r) => c.once('exit', r));
      }
    }
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await handle?.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
    rmSync(cli, { force: true });
  });

  const startWorker = (leaseSeconds: number, env: Record<string, string>): ChildProcess => {
    const child = spawn(process.execPath, [cli, 'worker', '--concurrency', '1', '--lease-seconds', String(leaseSeconds)], {
      env: { ...process.env, DATABASE_URL: dbUrl, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'error', TMPDIR: join(dir, 'tmp'), ...env },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  };
  const state = async (id: number) => handle.db.selectFrom('data_files').select(['state', 'series_key', 'row_count']).where('id', '=', id).executeTakeFirstOrThrow();
  const until = async (what: () => Promise<boolean>, timeoutMs: number) => {
    for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
      if (await what()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out');
  };

  // The file (41 MB) is read whole by default; STREAM_INGEST_MIN_BYTES=0 reads it in batches through a spool.
  it.each([
    ['read whole', {}],
    ['read in batches', { STREAM_INGEST_MIN_BYTES: '0' }],
  ] as const)('leaves nothing half-written visible, and the job finishes ready after a restart (%s)', async (mode, env) => {
    const store = createLocalBlobStore(join(dir, 'data', 'files'));
    const blob = await putContent(store, createReadStream(join(dir, 'cell.csv')));
    const user = await handle.db.insertInto('users').values({ username: `u-${mode}`, email: `u-${mode.replaceAll(' ', '-')}@example.org`, password_hash: 'x', role: 'contributor', is_active: true }).returning('id').executeTakeFirstOrThrow();
    const exp = await handle.db.insertInto('experiments').values({ name: `crash ${mode}`, owner_id: user.id }).returning('id').executeTakeFirstOrThrow();
    const file = await handle.db
      .insertInto('data_files')
      .values({ name: 'cell.csv', experiment_id: exp.id, original_name: 'cell.csv', sha256: blob.sha256, size_bytes: blob.sizeBytes, blob_key: blob.key, owner_id: user.id, state: 'queued' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueIngestJob(handle.db, file.id);

    const first = startWorker(2, env);
    await until(async () => (await state(file.id)).state === 'parsing', 60_000);
    // Mid-ingest: parsing has begun; the Parquet file may or may not be written yet, the commit has not happened.
    await new Promise((r) => setTimeout(r, 300));
    expect((await state(file.id)).state).toBe('parsing');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    expect(await state(file.id)).toEqual({ state: 'parsing', series_key: null, row_count: null });
    const cycles = await handle.db.selectFrom('cycle_summaries').select('cycle').where('data_file_id', '=', file.id).execute();
    expect(cycles).toEqual([]);
    expect((await handle.db.selectFrom('jobs').select('state').where('data_file_id', '=', file.id).executeTakeFirstOrThrow()).state).toBe('running');

    startWorker(2, env);
    await until(async () => (await state(file.id)).state === 'ready', 120_000);
    const done = await state(file.id);
    expect(done.row_count).toBe(300_000);
    expect(await store.size(String(done.series_key))).toBeGreaterThan(0);
    const job = await handle.db.selectFrom('jobs').select(['state', 'attempts']).where('data_file_id', '=', file.id).executeTakeFirstOrThrow();
    expect(job).toEqual({ state: 'done', attempts: 2 });
    const n = await handle.db.selectFrom('cycle_summaries').select((eb) => eb.fn.countAll<number>().as('n')).where('data_file_id', '=', file.id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThan(30);
    const meta = await handle.db.selectFrom('data_files').select('metadata').where('id', '=', file.id).executeTakeFirstOrThrow();
    expect((meta.metadata as { readInBatches?: boolean }).readInBatches ?? false).toBe(mode === 'read in batches');
    // The killed worker's spool (if it had started one) was removed by the next one; nothing else is left.
    expect(readdirSync(join(dir, 'tmp', 'liionsden-series')).filter((f) => f.startsWith('spool-'))).toEqual([]);
  }, 240_000);
});
