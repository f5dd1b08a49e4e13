/**
 * End-to-end ingest of a synthetic Arbin CSV (default 1,000,000 rows, ≈138 MB): stream into the local blob store
 * (sha256), then one ingest job: detect + parse + normalise + Parquet (zstd) + cycle/step summaries + quality
 * flags + the commit (PGlite in memory). Baselines in the same run: the issue's `pandas.read_csv` of the same file
 * (Debian's python3-pandas, timed inside Python; skipped with a message if missing) and DuckDB read_csv into a table.
 * Two ingest variants: the whole file in memory, and streamed (two passes over batches of rows, Parquet
 * written in parts: flat memory; STREAM_INGEST_MIN_BYTES picks between them in the product).
 * Two floors, to show what the target (ingest ≤ pandas.read_csv / 3) leaves for the work: our parse alone,
 * and DuckDB's C++ CSV → zstd Parquet of the raw columns on both cores (less work than an ingest).
 * Each variant runs in a fresh process; peak RSS is reported per process.
 * Run: sh bench/series-run.sh bench/ingest-e2e.ts   (ROWS=… to change the size; ROWS=7300000 ≈ 1 GB;
 * VARIANTS=stream,pandas to skip some; BENCH_DATABASE_URL=postgres://… a PostgreSQL database instead of
 * in-memory PGlite, whose WebAssembly heap is a few hundred MB of the process's RSS)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { runIngestJob } from '../src/ingest/ingest-pipeline.js';
import { parseLocalFile } from '../src/parsers/parse-local-file.js';
import { claimJob, enqueueIngestJob } from '../src/ingest/job-queue.js';
import { putContent } from '../src/storage/blob-store.js';
import { createLocalBlobStore } from '../src/storage/local-blob-store.js';
import { measurePandasReadCsv } from './pandas-read-csv.js';

const rows = Number(process.env.ROWS ?? 1_000_000);
const file = `bench/out/arbin-${rows}.csv`;
const variant = process.argv[2];

async function ingest(streamMinBytes: number): Promise<Record<string, number>> {
  const dir = `bench/out/ingest-store-${process.pid}`;
  rmSync(dir, { recursive: true, force: true });
  const url = process.env.BENCH_DATABASE_URL;
  const handle = url ? openDatabase({ databaseUrl: url }) : openDatabase({ inMemory: true });
  await migrateToLatest(handle.db);
  const unique = `${process.pid}-${Date.now()}`;
  const user = await handle.db.insertInto('users').values({ username: `b-${unique}`, email: `b-${unique}@x`, password_hash: 'x', role: 'contributor', is_active: true }).returning('id').executeTakeFirstOrThrow();
  const exp = await handle.db.insertInto('experiments').values({ name: `bench-${unique}`, owner_id: user.id }).returning('id').executeTakeFirstOrThrow();
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
  // The ingest's own memory: RSS sampled while the job runs, above the process before it (database, modules).
  const rssBeforeMB = process.memoryUsage().rss / 1e6;
  let ingestPeakMB = rssBeforeMB;
  const sampler = setInterval(() => { ingestPeakMB = Math.max(ingestPeakMB, process.memoryUsage().rss / 1e6); }, 25);
  const outcome = await runIngestJob({ db: handle.db, blobStore: store, streamMinBytes }, job!);
  clearInterval(sampler);
  const t1 = performance.now();
  const cpu = process.cpuUsage(c0);
  const row = await handle.db.selectFrom('data_files').select(['row_count', 'series_key', 'state']).where('id', '=', df.id).executeTakeFirstOrThrow();
  if (outcome !== 'ready' || row.row_count !== rows) throw new Error(`ingest ended ${outcome} with ${row.row_count} rows`);
  const parquetBytes = (await store.size(row.series_key!))!;
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds: (t1 - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, storeSeconds: (tStored - t0) / 1000, bytesPerRow: parquetBytes / rows, rssBeforeMB, ingestPeakMB };
}

// Floor 1: our text parse alone (detect, parse, normalise, cycle summary; no hashing, Parquet, summaries or commit).
async function parseOnly(): Promise<Record<string, number>> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { result } = await parseLocalFile(file, { fileName: 'arbin.csv' });
  if (result.rows !== rows) throw new Error(`parsed ${result.rows} rows`);
  const cpu = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

// Floor 2: DuckDB's own C++ reader and Parquet writer on both cores, CSV straight to zstd Parquet: the 15 raw
// columns only (no normalisation, derived columns, summaries, hashing or commit), at zstd level 3 (cheapest
// level near our size target) — less work than an ingest, done by the fastest embedded engine we have.
async function duckdbCsvToParquet(): Promise<Record<string, number>> {
  const con = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
  const out = `bench/out/floor-${process.pid}.parquet`;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await con.run(`copy (from read_csv('${file}')) to '${out}' (format parquet, compression zstd, compression_level 3, parquet_version 'V2', row_group_size 131072)`);
  const cpu = process.cpuUsage(c0);
  const seconds = (performance.now() - t0) / 1000;
  const bytesPerRow = statSync(out).size / rows;
  rmSync(out);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, bytesPerRow };
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
  const measure = { whole: () => ingest(Number.POSITIVE_INFINITY), stream: () => ingest(0), parse: parseOnly, 'duckdb-parquet': duckdbCsvToParquet, duckdb: duckdbReadCsv }[variant];
  if (!measure) throw new Error(`unknown variant ${variant}`);
  const result = await measure();
  process.stdout.write(JSON.stringify({ ...result, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
} else {
  mkdirSync('bench/out', { recursive: true });
  if (!existsSync(file)) execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', String(rows), '--out', file]);
  const run = (v: string) => {
    const r = spawnSync(process.execPath, [join('bench', 'out', 'ingest-e2e.mjs'), v], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`${v} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as Record<string, number>;
  };
  const variants = (process.env.VARIANTS ?? 'whole,stream,parse,duckdb-parquet,duckdb,pandas').split(',');
  const pandas = variants.includes('pandas') ? measurePandasReadCsv(file) : { available: false as const, reason: 'not in VARIANTS' };
  const fmt = (x: number) => x.toFixed(2);
  const lines = [`rows ${rows}`];
  const ours: Record<string, Record<string, number>> = {};
  for (const v of ['whole', 'stream'].filter((x) => variants.includes(x))) {
    const r = (ours[v] = run(v));
    lines.push(`ingest ${v === 'whole' ? 'whole file in memory' : 'streamed (batches)'}: ${fmt(r.seconds)} s (CPU ${fmt(r.cpuSeconds)} s; blob store ${fmt(r.storeSeconds)} s), ${fmt(r.bytesPerRow)} Parquet bytes/row, peak RSS ${r.peakRssMB.toFixed(0)} MB (during the job ${r.ingestPeakMB.toFixed(0)} MB, ${r.rssBeforeMB.toFixed(0)} MB before it)`);
  }
  if (ours.whole && ours.stream) {
    lines.push(`ratio streamed / whole: ${fmt(ours.stream.seconds / ours.whole.seconds)}× time, ${fmt(ours.stream.peakRssMB / ours.whole.peakRssMB)}× peak RSS, ${fmt((ours.stream.ingestPeakMB - ours.stream.rssBeforeMB) / (ours.whole.ingestPeakMB - ours.whole.rssBeforeMB))}× RSS growth during the job`);
  }
  const best = ours.whole ?? ours.stream;
  if (variants.includes('duckdb')) {
    const duck = run('duckdb');
    lines.push(`baseline DuckDB read_csv into a table: ${fmt(duck.seconds)} s, peak RSS ${duck.peakRssMB.toFixed(0)} MB`);
    if (best) lines.push(`ratio ingest / DuckDB: ${fmt(best.seconds / duck.seconds)}×`);
  }
  const floors: Record<string, Record<string, number>> = {};
  if (variants.includes('parse')) {
    const r = (floors['our parse alone'] = run('parse'));
    lines.push(`floor: our parse alone (detect, parse, normalise, cycle summary): ${fmt(r.seconds)} s (CPU ${fmt(r.cpuSeconds)} s)`);
  }
  if (variants.includes('duckdb-parquet')) {
    const r = (floors['DuckDB CSV → Parquet'] = run('duckdb-parquet'));
    lines.push(`floor: DuckDB CSV → zstd-3 Parquet, raw columns, 2 threads: ${fmt(r.seconds)} s (CPU ${fmt(r.cpuSeconds)} s), ${fmt(r.bytesPerRow)} B/row`);
  }
  if (pandas.available) {
    lines.push(`target: ingest ≤ pandas.read_csv / 3 = ${fmt(pandas.seconds / 3)} s wall`);
    for (const [name, r] of Object.entries(floors)) lines.push(`ratio ${name} / pandas.read_csv: ${fmt(r.seconds / pandas.seconds)}× wall, ${fmt(r.cpuSeconds / pandas.cpuSeconds)}× CPU`);
    lines.push(`baseline pandas ${pandas.version} read_csv: ${fmt(pandas.seconds)} s inside Python (CPU ${fmt(pandas.cpuSeconds)} s; whole process ${fmt(pandas.processSeconds)} s), peak RSS ${pandas.peakRssMB} MB`);
    for (const [v, r] of Object.entries(ours)) lines.push(`ratio ingest (${v}) / pandas.read_csv: ${fmt(r.seconds / pandas.seconds)}× wall, ${fmt(r.cpuSeconds / pandas.cpuSeconds)}× CPU (target ≤ 0.33)`);
  } else {
    lines.push(`pandas.read_csv baseline skipped: ${pandas.reason}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
