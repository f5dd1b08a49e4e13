/**
 * Text-parse workload: a 1,000,000-row synthetic Arbin CSV (≈138 MB) through detect + parse +
 * normalise + cycle summary (`parseFile`), against the issue's `pandas.read_csv` (Debian's
 * python3-pandas, timed inside Python; skipped with a message if missing), DuckDB's single-threaded
 * read_csv and Python's csv module. Each variant runs in a fresh process; ratios are against each
 * baseline measured in the same run.
 * Run: sh bench/series-run.sh bench/parse-arbin-csv.ts   (ROWS=… to change the size)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parseFile } from '../src/parsers/parse-file.js';
import { measurePandasReadCsv } from './pandas-read-csv.js';

const rows = Number(process.env.ROWS ?? 1_000_000);
const file = `bench/out/arbin-${rows}.csv`;
const variant = process.argv[2];

const PYTHON = `
import csv, sys, time
from array import array
t = time.perf_counter(); cpu = time.process_time()
with open(sys.argv[1], newline='') as f:
    r = csv.reader(f)
    header = next(r)
    cols = [array('d') for _ in header]
    for row in r:
        for c, v in zip(cols, row):
            try: c.append(float(v))
            except ValueError: c.append(float('nan'))
print(time.perf_counter() - t, len(cols[0]), time.process_time() - cpu)
`;

const cpuSince = (c0: NodeJS.CpuUsage): number => { const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };

/** Wall and CPU seconds of one variant; CPU is the fairer figure on a shared, loaded machine. */
async function runVariant(name: string): Promise<{ seconds: number; cpuSeconds: number; rows: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  if (name === 'liionsden') {
    const { result } = await parseFile({ fileName: file, bytes: readFileSync(file) });
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSince(c0), rows: result.rows };
  }
  if (name === 'duckdb-1-thread') {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const con = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    await con.run(`create table t as select * from read_csv('${file}')`);
    const n = Number((await con.runAndReadAll('select count(*) from t')).getRows()[0][0]);
    return { seconds: (performance.now() - t1) / 1000, cpuSeconds: cpuSince(c1), rows: n };
  }
  const [seconds, n, cpuSeconds] = execFileSync('python3', ['-c', PYTHON, file], { encoding: 'utf8' }).trim().split(' ').map(Number);
  return { seconds, cpuSeconds, rows: n };
}

if (variant) {
  const r = await runVariant(variant);
  console.log(JSON.stringify({ variant, ...r, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
} else {
  if (!existsSync(file)) execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', String(rows), '--out', file], { stdio: 'inherit' });
  const results: Record<string, { seconds: number; cpuSeconds: number; rows: number; peakRssMB: number }> = {};
  const pandas = measurePandasReadCsv(file);
  if (pandas.available) results[`pandas ${pandas.version}`] = pandas;
  else console.log(`pandas.read_csv baseline skipped: ${pandas.reason}`);
  for (const name of ['python-csv-module', 'duckdb-1-thread', 'liionsden']) {
    const out = spawnSync(process.execPath, [process.argv[1], name], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (out.status !== 0) throw new Error(`${name} failed: ${out.stderr}`);
    results[name] = JSON.parse(out.stdout.trim().split('\n').pop()!);
  }
  const ours = results['liionsden'];
  for (const [name, r] of Object.entries(results)) {
    const ratio = name === 'liionsden' ? '' : `→ liionsden ${(r.seconds / ours.seconds).toFixed(2)}× (wall), ${(r.cpuSeconds / ours.cpuSeconds).toFixed(2)}× (CPU) faster`;
    console.log(`${name.padEnd(19)} wall ${r.seconds.toFixed(2)} s  CPU ${r.cpuSeconds.toFixed(2)} s  ${r.rows} rows  peak RSS ${r.peakRssMB} MB  ${ratio}`);
  }
  if (pandas.available) {
    console.log(`pandas whole process (interpreter + import + read_csv): wall ${pandas.processSeconds.toFixed(2)} s`);
    console.log(`ratio liionsden / pandas.read_csv: ${(ours.seconds / pandas.seconds).toFixed(2)} (wall), ${(ours.cpuSeconds / pandas.cpuSeconds).toFixed(2)} (CPU); target ≤ 0.33`);
  }
}
