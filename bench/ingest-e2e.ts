/**
 * End-to-end ingest of a synthetic Arbin CSV (default 1,000,000 rows, ≈138 MB): stream into the local blob store
 * (sha256), then one ingest job: detect + parse + normalise + Parquet (zstd) + cycle/step summaries + quality
 * flags + the commit (PGlite in memory). Baselines in the same run: the issue's `pandas.read_csv` of the same file
 * (Debian's python3-pandas, timed inside Python; skipped with a message if missing) and DuckDB read_csv into a table.
 * Each variant runs in a fresh process; peak RSS is reported per process.
 * Run: sh bench/series-run.sh bench/ingest-e2e.ts   (ROWS=… to change the size)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { runIngestJob } from '../src/ingest/ingest-pipeline.js';
import { claimJob, enqueueIngestJob } from '../src/ingest/job-queue.js';
import { putContent } from '../src/storage/blob-store.js';
import { createLocalBlobStore } from '../src/storage/local-blob-store.js';
import { measurePandasReadCsv } from './pandas-read-csv.js';

const rows = Number(process.env.ROWS ?? 1_000_000);
const file = `bench/out/arbin-${rows}.csv`;
const variant = process.argv[2];

async function ingest(): Promise<Record<string, number>> {
  const dir = `bench/out/ingest-store-${process.pid}`;
  rmSync(dir, { recursive: true, force: true });
  const handle = openDatabase({ inMemory: true });
  await migrateToLatest(handle.db);
  const user = await handle.db.insertInto('users').values({ username: 'b', email: 'b@x', password_hash: 'x', role: 'contributor', is_active: true }).returning('id').executeTakeFirstOrThrow();
  const exp = await handle.db.insertInto('experiments').values({ name: 'bench', owner_id: user.id }).returning('id').executeTakeFirstOrThrow();
  const store = createLocalBlobStore(dir);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const blob = await putContent(store, createReadStream(file, { highWaterMark: 1 << 20 }));
  const tStored = performance.now();
  const df = await handle.db
    .insertInto('data_files')
    .values({ name: 'a.csv', experiment_id: exp.id, original_name: 'arbin.csv', sha256: blob.sha256, size_bytes: blob.sizeBytes, blob_key: blob.key, owner_id: user.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueIngestJob(handle.db, df.id);
  const job = await claimJob(handle.db, 'bench', 600_000);
  const outcome = await runIngestJob({ db: handle.db, blobStore: store }, job!);
  const t1 = performance.now();
  const cpu = process.cpuUsage(c0);
  const row = await handle.db.selectFrom('data_files').select(['row_count', 'series_key', 'state']).where('id', '=', df.id).executeTakeFirstOrThrow();
  if (outcome !== 'ready' || row.row_count !== rows) throw new Error(`ingest ended ${outcome} with ${row.row_count} rows`);
  const parquetBytes = (await store.size(row.series_key!))!;
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds: (t1 - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, storeSeconds: (tStored - t0) / 1000, bytesPerRow: parquetBytes / rows };
}

async function duckdbReadCsv(): Promise<Record<string, number>> {
  const con = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
  const t0 = performance.now();
  await con.run(`create table t as select * from read_csv('${file}')`);
  const n = Number((await con.runAndReadAll('select count(*) from t')).getRows()[0][0]);
  if (n !== rows) throw new Error(`DuckDB read ${n} rows`);
  return { seconds: (performance.now() - t0) / 1000 };
}

if (variant) {
  const result = variant === 'ingest' ? await ingest() : await duckdbReadCsv();
  process.stdout.write(JSON.stringify({ ...result, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
} else {
  mkdirSync('bench/out', { recursive: true });
  if (!existsSync(file)) execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', String(rows), '--out', file]);
  const run = (v: string) => {
    const r = spawnSync(process.execPath, [join('bench', 'out', 'ingest-e2e.mjs'), v], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`${v} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as Record<string, number>;
  };
  const pandas = measurePandasReadCsv(file);
  const ours = run('ingest');
  const duck = run('duckdb');
  const fmt = (x: number) => x.toFixed(2);
  process.stdout.write(
    [
      `rows ${rows}`,
      `ingest end-to-end: ${fmt(ours.seconds)} s (CPU ${fmt(ours.cpuSeconds)} s; blob store ${fmt(ours.storeSeconds)} s), ${fmt(ours.bytesPerRow)} Parquet bytes/row, peak RSS ${ours.peakRssMB.toFixed(0)} MB`,
      `baseline DuckDB read_csv into a table: ${fmt(duck.seconds)} s, peak RSS ${duck.peakRssMB.toFixed(0)} MB`,
      `ratio ingest / DuckDB: ${fmt(ours.seconds / duck.seconds)}×`,
      ...(pandas.available
        ? [
            `baseline pandas ${pandas.version} read_csv: ${fmt(pandas.seconds)} s inside Python (CPU ${fmt(pandas.cpuSeconds)} s; whole process ${fmt(pandas.processSeconds)} s), peak RSS ${pandas.peakRssMB} MB`,
            `ratio ingest / pandas.read_csv: ${fmt(ours.seconds / pandas.seconds)}× wall, ${fmt(ours.cpuSeconds / pandas.cpuSeconds)}× CPU (target ≤ 0.33)`,
          ]
        : [`pandas.read_csv baseline skipped: ${pandas.reason}`]),
      '',
    ].join('\n'),
  );
}
