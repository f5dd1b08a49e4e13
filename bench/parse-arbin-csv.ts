/**
 * Text-parse workload: a 1,000,000-row synthetic Arbin CSV (≈138 MB) through detect + parse +
 * normalise + cycle summary: `parseLocalFile` (the file read a piece at a time into its columns: what
 * `liionsden parse` and ingest from the local store do), and `parseFile` on the file's bytes read whole
 * (objects from S3) on one thread and on two (this thread + one table worker), against
 * the issue's `pandas.read_csv` (Debian's python3-pandas, timed inside Python; skipped with a
 * message if missing) and DuckDB's read_csv with 1 and 2 threads. Each variant runs in a fresh
 * process, ROUNDS times (default 3) in turn, and its median round is compared with each baseline's
 * median round from the same run; `uptime` before and after.
 * Run: sh bench/series-run.sh bench/parse-arbin-csv.ts   (ROWS=…, ROUNDS=…)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readTable } from '../src/parsers/common/table-reader.js';
import type { ReadTableOptions } from '../src/parsers/common/table-reader.js';
import { TABLE_WORKER_URL } from '../src/parsers/parallel/default-table-reader.js';
import { createParallelTableReader } from '../src/parsers/parallel/parallel-table-reader.js';
import { createTableWorkerPool } from '../src/parsers/parallel/table-worker-pool.js';
import { parseFile } from '../src/parsers/parse-file.js';
import { parseLocalFile } from '../src/parsers/parse-local-file.js';
import { measurePandasReadCsv } from './pandas-read-csv.js';

const rows = Number(process.env.ROWS ?? 1_000_000);
const file = `bench/out/arbin-${rows}.csv`;
const variant = process.argv[2];
const repeat = Number(process.env.ROUNDS ?? 3);

interface Measured { seconds: number; cpuSeconds: number; rows: number; peakRssMB: number }

const cpuSince = (c0: NodeJS.CpuUsage): number => { const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };

/** Wall and CPU seconds of one variant (CPU of every thread of the process); CPU is the fairer figure on a loaded machine. */
async function runVariant(name: string): Promise<Omit<Measured, 'peakRssMB'>> {
  if (name === 'liionsden') {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const { result } = await parseLocalFile(file);
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSince(c0), rows: result.rows };
  }
  if (name.startsWith('liionsden')) {
    // The bytes read whole, then 1 thread: the calling thread's table reader; 2 threads: this thread and
    // one worker sharing the rows (parseFile's default on machines with ≥ 3 cores; on 2 cores it stays on one thread).
    const tableReader = name === 'liionsden-bytes-2-threads'
      ? createParallelTableReader(createTableWorkerPool(TABLE_WORKER_URL, 1))
      : async (o: ReadTableOptions) => readTable(o);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const { result } = await parseFile({ fileName: file, bytes: readFileSync(file), readTable: tableReader });
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSince(c0), rows: result.rows };
  }
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const con = await (await DuckDBInstance.create(':memory:', { threads: name === 'duckdb-1-thread' ? '1' : '2' })).connect();
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  await con.run(`create table t as select * from read_csv('${file}')`);
  const n = Number((await con.runAndReadAll('select count(*) from t')).getRows()[0][0]);
  return { seconds: (performance.now() - t1) / 1000, cpuSeconds: cpuSince(c1), rows: n };
}

const uptime = (): string => execFileSync('uptime', { encoding: 'utf8' }).trim();

if (variant) {
  const r = await runVariant(variant);
  console.log(JSON.stringify({ variant, ...r, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
} else {
  if (!existsSync(file)) execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', String(rows), '--out', file], { stdio: 'inherit' });
  // parseFile's pool looks for table-worker.js beside its module, i.e. beside this bundle.
  execFileSync('npx', ['esbuild', 'src/parsers/parallel/table-worker.ts', '--bundle', '--platform=node', '--format=esm', '--packages=external', '--log-level=warning', '--outfile=bench/out/table-worker.js'], { stdio: 'inherit' });
  console.log(`before: ${uptime()}`);
  // Rounds of every variant in turn, so that load changes on the shared machine hit all of them; the median round counts.
  const rounds: Record<string, Measured[]> = {};
  const record = (name: string, r: Measured): void => { (rounds[name] ??= []).push(r); };
  let pandasVersion = '';
  let pandasProcessSeconds = 0;
  for (let round = 0; round < repeat; round++) {
    const pandas = measurePandasReadCsv(file);
    if (pandas.available) { record('pandas read_csv', pandas); pandasVersion = pandas.version; pandasProcessSeconds = pandas.processSeconds; }
    else if (round === 0) console.log(`pandas.read_csv baseline skipped: ${pandas.reason}`);
    for (const name of ['duckdb-1-thread', 'duckdb-2-threads', 'liionsden', 'liionsden-bytes-1-thread', 'liionsden-bytes-2-threads']) {
      const out = spawnSync(process.execPath, [process.argv[1], name], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (out.status !== 0) throw new Error(`${name} failed: ${out.stderr}`);
      record(name, JSON.parse(out.stdout.trim().split('\n').pop()!));
    }
  }
  const median = (rs: Measured[]): Measured => [...rs].sort((a, b) => a.seconds - b.seconds)[Math.floor(rs.length / 2)];
  const results = Object.fromEntries(Object.entries(rounds).map(([name, rs]) => [name === 'pandas read_csv' ? `pandas ${pandasVersion} read_csv` : name, median(rs)]));
  console.log(`after:  ${uptime()}`);
  const ours = { '': results.liionsden, 'bytes 1 thread': results['liionsden-bytes-1-thread'], 'bytes 2 threads': results['liionsden-bytes-2-threads'] };
  for (const [name, r] of Object.entries(results)) {
    const ratios = name.startsWith('liionsden') ? '' : Object.entries(ours)
      .map(([label, o]) => `ours${label ? ` ${label}` : ''} / this: ${(o.seconds / r.seconds).toFixed(2)} wall, ${(o.cpuSeconds / r.cpuSeconds).toFixed(2)} CPU`).join('; ');
    const walls = (rounds[name.startsWith('pandas') ? 'pandas read_csv' : name] ?? []).map((x) => x.seconds.toFixed(2)).join(' ');
    console.log(`${name.padEnd(26)} wall ${r.seconds.toFixed(2)} s (rounds: ${walls})  CPU ${r.cpuSeconds.toFixed(2)} s  ${r.rows} rows  peak RSS ${r.peakRssMB} MB  ${ratios}`);
  }
  const vs = (a: Measured, b: Measured) => `${(a.seconds / b.seconds).toFixed(2)} wall, ${(a.cpuSeconds / b.cpuSeconds).toFixed(2)} CPU`;
  console.log(`ours / ours bytes 1 thread: ${vs(ours[''], ours['bytes 1 thread'])}; ours bytes 2 threads / bytes 1 thread: ${vs(ours['bytes 2 threads'], ours['bytes 1 thread'])}`);
  if (pandasVersion) console.log(`pandas whole process (interpreter + import + read_csv, last round): wall ${pandasProcessSeconds.toFixed(2)} s; target ours / pandas.read_csv ≤ 0.33 (wall)`);
}
