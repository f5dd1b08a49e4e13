import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Viewer } from '../access/viewer.js';
import { loadConfig } from '../config.js';
import type { Db } from '../db/database.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js';
import type { ReceivedFile } from '../ingest/multipart-upload.js';
import { waitUntilSettled } from '../ingest/settled-data-files.js';
import { startIngestWorkers } from '../ingest/start-ingest-workers.js';
import { quietLogger } from '../observability/logger.js';
import { assertCanAddFiles, createUploadedDataFile } from '../ingest/upload.service.js';
import { putContent, type BlobStore } from '../storage/blob-store.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { appendIfGrown } from './ingest-grown.js';

interface Outcome {
  path: string;
  dataFileId: number | null;
  state: string;
  format: string | null;
  rows: number | null;
  note: string;
}

/** Files under the given paths (folders recursively), with a `<name>_Metadata.csv` paired to `<name>.csv` as its companion. */
export async function collectFiles(paths: string[]): Promise<Array<{ path: string; sizeBytes: number; companions: Array<{ path: string; sizeBytes: number }> }>> {
  const all: Array<{ path: string; sizeBytes: number }> = [];
  const walk = async (p: string): Promise<void> => {
    const s = await stat(p);
    if (s.isDirectory()) for (const e of (await readdir(p)).sort()) await walk(join(p, e));
    else if (s.isFile()) all.push({ path: p, sizeBytes: s.size });
  };
  for (const p of paths) await walk(p);
  const byPath = new Map(all.map((f) => [f.path, f]));
  const companionOf = (p: string) => p.replace(/(\.[^./]+)$/, '_Metadata$1');
  const isCompanion = new Set(all.filter((f) => /_Metadata\.csv$/i.test(f.path) && byPath.has(f.path.replace(/_Metadata(\.csv)$/i, '$1'))).map((f) => f.path));
  return all.filter((f) => !isCompanion.has(f.path)).map((f) => ({ ...f, companions: byPath.has(companionOf(f.path)) && isCompanion.has(companionOf(f.path)) ? [byPath.get(companionOf(f.path))!] : [] }));
}

async function viewerFor(db: Db, username: string): Promise<Viewer> {
  const user = await db.selectFrom('users').select(['id', 'role', 'institution_id', 'is_active']).where('username', '=', username).executeTakeFirst();
  if (!user || !user.is_active) throw new NotFoundError('Active user', username);
  return { userId: user.id, role: user.role, institutionId: user.institution_id, anonymousRead: false };
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('Store and parse cycler files (folders recursively, format detected) into an experiment, directly against the database and blob store')
    .argument('<paths...>', 'files or folders')
    .requiredOption('--experiment <id>', 'experiment id')
    .option('--user <username>', 'owner of the new data files (default: ADMIN_USERNAME)')
    .option('--workers <n>', 'parsing loops in this process while waiting (default: WORKERS, at least 1)')
    .option('--no-progress', 'no progress bars (logs and CI)')
    .action(async (paths: string[], opts: { experiment: string; user?: string; workers?: string; progress: boolean }) => {
      const config = loadConfig();
      const experimentId = Number(opts.experiment);
      if (!Number.isInteger(experimentId) || experimentId <= 0) throw new ValidationError(`--experiment must be an experiment id, not '${opts.experiment}'`);
      const username = opts.user ?? config.initialAdmin?.username;
      if (!username) throw new ValidationError('Say who owns the files: --user USERNAME (or set ADMIN_USERNAME)');
      const files = await collectFiles(paths);
      if (files.length === 0) throw new ValidationError('No files found under the given paths');
      const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const store = openBlobStore(config);
      let failed = 0;
      try {
        await migrateToLatest(database.db);
        const viewer = await viewerFor(database.db, username);
        const experiment = await assertCanAddFiles(database.db, viewer, experimentId);
        const outcomes = await storeAll(database.db, store, viewer, experiment, files, opts.progress, config.maxUploadBytes);
        const workerCount = opts.workers ? Math.max(1, Math.floor(Number(opts.workers))) : Math.max(1, config.workers);
        await waitForParsing(database.db, startIngestWorkers({ ...config, workers: workerCount }, database.db, { pollMs: 200, logger: quietLogger(config) }), outcomes, opts.progress);
        process.stdout.write(formatSummary(outcomes));
        failed = outcomes.filter((o) => o.state === 'failed').length;
      } finally {
        await database.close();
      }
      // Set after closing: shutting down the embedded database (Emscripten) resets process.exitCode.
      if (failed > 0) process.exitCode = 1;
    });
}

async function storeAll(db: Db, store: BlobStore, viewer: Viewer, experiment: { id: number; status: 'private' | 'public' }, files: Awaited<ReturnType<typeof collectFiles>>, progress: boolean, maxBytes: number): Promise<Outcome[]> {
  const total = files.reduce((a, f) => a + f.sizeBytes + f.companions.reduce((b, c) => b + c.sizeBytes, 0), 0);
  const bar = new cliProgress.SingleBar(
    { format: 'store  {bar} {percentage}% | {value_mb}/{total_mb} MB | {speed} MB/s | ETA {eta_formatted} | {file}', noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let done = 0;
  if (progress) bar.start(total, 0, { file: '', speed: '0.0', value_mb: '0.0', total_mb: (total / 1e6).toFixed(1) });
  const counted = () =>
    new Transform({
      transform(chunk: Buffer, _e, cb) {
        done += chunk.length;
        if (progress) bar.update(done, { speed: (done / 1e6 / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1), value_mb: (done / 1e6).toFixed(1) });
        cb(null, chunk);
      },
    });
  const put = async (path: string, field: string): Promise<ReceivedFile> => ({
    field,
    fileName: basename(path),
    blob: await putContent(store, createReadStream(path, { highWaterMark: 1 << 20 }).pipe(counted())),
  });
  const outcomes: Outcome[] = [];
  try {
    for (const f of files) {
      if (progress) bar.update(done, { file: basename(f.path) });
      try {
        const grown = await appendIfGrown(db, store, viewer, experiment.id, f.path, f.sizeBytes, maxBytes);
        if (grown) {
          done += f.sizeBytes;
          outcomes.push({ path: f.path, dataFileId: grown.dataFileId, state: grown.jobId ? 'queued' : 'duplicate', format: null, rows: null, note: `grown: appended to data file ${grown.dataFileId}` });
          continue;
        }
        const main = await put(f.path, 'file');
        const companions = await Promise.all(f.companions.map((c) => put(c.path, 'metadata')));
        const { dataFileId } = await createUploadedDataFile(db, viewer, experiment, main, companions, {});
        outcomes.push({ path: f.path, dataFileId, state: 'queued', format: null, rows: null, note: '' });
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        const existing = (err.details as { dataFileId?: number } | undefined)?.dataFileId ?? null;
        outcomes.push({ path: f.path, dataFileId: existing, state: 'duplicate', format: null, rows: null, note: `already in the experiment as data file ${existing}` });
      }
    }
  } finally {
    if (progress) bar.stop();
  }
  return outcomes;
}

async function waitForParsing(db: Db, workers: { stop(): Promise<void> }, outcomes: Outcome[], progress: boolean): Promise<void> {
  const pending = outcomes.filter((o) => o.state === 'queued');
  const bar = new cliProgress.SingleBar({ format: 'parse  {bar} {value}/{total} files | ETA {eta_formatted}' }, cliProgress.Presets.shades_classic);
  if (progress) bar.start(pending.length, 0);
  try {
    await waitUntilSettled(db, pending.map((o) => o.dataFileId!), (rows) => {
      for (const r of rows) {
        const o = pending.find((p) => p.dataFileId === r.id)!;
        Object.assign(o, { state: r.state, format: r.format, rows: r.row_count, note: r.error ? String((r.error as { message?: string }).message ?? '') : o.note });
      }
      if (progress) bar.update(pending.filter((o) => o.state === 'ready' || o.state === 'failed').length);
    });
  } finally {
    if (progress) bar.stop();
    await workers.stop();
  }
}

/** The end-of-run table: one line per file. */
export function formatSummary(outcomes: Outcome[]): string {
  const head = ['file', 'data file', 'state', 'format', 'rows', 'note'];
  const rows = outcomes.map((o) => [basename(o.path), o.dataFileId === null ? '' : String(o.dataFileId), o.state, o.format ?? '', o.rows === null ? '' : String(o.rows), o.note.slice(0, 100)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const counts = ['ready', 'failed', 'duplicate'].map((s) => `${outcomes.filter((o) => o.state === s).length} ${s}`).join(', ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', `${outcomes.length} file(s): ${counts}`, ''].join('\n');
}
