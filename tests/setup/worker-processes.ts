import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { build } from 'esbuild';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { enqueueIngestJob } from '../../src/ingest/job-queue.js';
import { putContent, type BlobStore } from '../../src/storage/blob-store.js';
import { createLocalBlobStore } from '../../src/storage/local-blob-store.js';

/**
 * `liionsden worker` processes (the CLI bundled from source) over a database of their own on the
 * PostgreSQL at `url`, a data folder and a TMPDIR of their own, and a 300,000-row Arbin CSV (41 MB) to
 * ingest: for tests that kill or stop workers mid-job.
 */
export interface WorkerRig {
  dir: string;
  handle: DatabaseHandle;
  store: BlobStore;
  /** The workers' series scratch folder ($TMPDIR/liionsden-series). */
  scratch: string;
  start(args: string[], env?: Record<string, string>): ChildProcess;
  /** A new data file of the synthetic CSV in an experiment of its own, its job queued. */
  queueFile(label: string): Promise<number>;
  state(id: number): Promise<{ state: string; series_key: string | null; row_count: number | null }>;
  job(id: number): Promise<{ state: string; attempts: number }>;
  until(what: () => Promise<boolean>, timeoutMs: number): Promise<void>;
  /** SIGKILLs the workers still running (between cases). */
  killAll(): Promise<void>;
  close(): Promise<void>;
}

export async function createWorkerRig(url: string, name: string): Promise<WorkerRig> {
  const dir = mkdtempSync(join(tmpdir(), `liionsden-${name}-`));
  const dbName = `liionsden_${name}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  const handle = openDatabase({ databaseUrl: u.toString() });
  await migrateToLatest(handle.db);
  const cli = resolve('.tmp', `${name}-cli-${process.pid}.mjs`);
  await build({ entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: cli, logLevel: 'silent' });
  const scratch = join(dir, 'tmp', 'liionsden-series');
  mkdirSync(scratch, { recursive: true });
  const synth = spawnSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', '300000', '--out', join(dir, 'cell.csv')]);
  if (synth.status !== 0) throw new Error(`synth-cycler failed: ${synth.stderr}`);
  const store = createLocalBlobStore(join(dir, 'data', 'files'));
  const children: ChildProcess[] = [];
  const db = handle.db;

  const killAll = async () => {
    for (const c of children.splice(0)) {
      if (c.exitCode !== null || c.signalCode !== null) continue;
      c.kill('SIGKILL');
      await new Promise((r) => c.once('exit', r));
    }
  };
  return {
    dir,
    handle,
    store,
    scratch,
    start: (args, env = {}) => {
      const child = spawn(process.execPath, [cli, 'worker', ...args], {
        env: { ...process.env, DATABASE_URL: u.toString(), DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'error', TMPDIR: join(dir, 'tmp'), ...env },
        stdio: 'ignore',
      });
      children.push(child);
      return child;
    },
    queueFile: async (label) => {
      const blob = await putContent(store, createReadStream(join(dir, 'cell.csv')));
      const slug = label.replaceAll(/[^a-z0-9]+/gi, '-');
      const user = await db.insertInto('users').values({ username: `u-${slug}`, email: `u-${slug}@example.org`, password_hash: 'x', role: 'contributor', is_active: true }).returning('id').executeTakeFirstOrThrow();
      const exp = await db.insertInto('experiments').values({ name: `${name} ${label}`, owner_id: user.id }).returning('id').executeTakeFirstOrThrow();
      const file = await db
        .insertInto('data_files')
        .values({ name: 'cell.csv', experiment_id: exp.id, original_name: 'cell.csv', sha256: blob.sha256, size_bytes: blob.sizeBytes, blob_key: blob.key, owner_id: user.id, state: 'queued' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueueIngestJob(db, file.id);
      return file.id;
    },
    state: (id) => db.selectFrom('data_files').select(['state', 'series_key', 'row_count']).where('id', '=', id).executeTakeFirstOrThrow(),
    job: (id) => db.selectFrom('jobs').select(['state', 'attempts']).where('data_file_id', '=', id).executeTakeFirstOrThrow(),
    until: async (what, timeoutMs) => {
      for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
        if (await what()) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('timed out');
    },
    killAll,
    close: async () => {
      await killAll();
      await handle.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${dbName} with (force)`);
      await a.end();
      rmSync(dir, { recursive: true, force: true });
      rmSync(cli, { force: true });
    },
  };
}
