/**
 * Issue 3's memory target: peak RSS of `liionsden parse FILE --json` on a big text export (default the
 * 7,300,000-row synthetic Arbin CSV, ≈ 1 GB) read in batches (STREAM_INGEST_MIN_BYTES=0, ADR 0008).
 * Baselines in the same run: the same command reading the file whole (STREAM_INGEST_MIN_BYTES past the
 * file size) and `pandas.read_csv` of the file. Each runs in its own process; peak RSS from the kernel
 * (`/usr/bin/time -f %M`, ru_maxrss in Python). Needs the compiled CLI (`npm ci` builds it; or `npm run build`).
 * Run: sh bench/series-run.sh bench/parse-memory.ts   (ROWS=… for another size; VARIANTS=stream,whole,pandas)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { measurePandasReadCsv } from './pandas-read-csv.js';

const rows = Number(process.env.ROWS ?? 7_300_000);
const file = `bench/out/arbin-${rows}.csv`;
const variants = (process.env.VARIANTS ?? 'stream,whole,pandas').split(',');

function runCli(minBytes: number): { seconds: number; peakRssMB: number; rows: number; cycles: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, 'bin/liionsden.js', 'parse', file, '--json'], {
    encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, STREAM_INGEST_MIN_BYTES: String(minBytes) },
  });
  if (r.status !== 0) throw new Error(`liionsden parse failed: ${r.stderr}`);
  const [seconds, kb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  const out = JSON.parse(r.stdout) as { rows: number; cycles: unknown[] };
  return { seconds, peakRssMB: kb / 1024, rows: out.rows, cycles: out.cycles.length };
}

mkdirSync('bench/out', { recursive: true });
if (!existsSync(file)) execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', String(rows), '--out', file]);
if (!existsSync('dist/cli/main.js')) throw new Error('build the CLI first: npm run build (npm ci does it)');
const sizeMB = statSync(file).size / 1e6;
const fmt = (x: number, d = 2) => x.toFixed(d);
const lines = [`file ${file}: ${rows} rows, ${fmt(sizeMB, 0)} MB`];
const stream = variants.includes('stream') ? runCli(0) : undefined;
if (stream) lines.push(`parse in batches: ${fmt(stream.seconds)} s, peak RSS ${fmt(stream.peakRssMB, 0)} MB (${stream.rows} rows, ${stream.cycles} cycles) — target < 400 MB`);
const whole = variants.includes('whole') ? runCli(Number.MAX_SAFE_INTEGER) : undefined;
if (whole) lines.push(`baseline, whole file in memory: ${fmt(whole.seconds)} s, peak RSS ${fmt(whole.peakRssMB, 0)} MB (${whole.rows} rows, ${whole.cycles} cycles)`);
if (stream && whole) lines.push(`ratio batches / whole: ${fmt(stream.peakRssMB / whole.peakRssMB)}× peak RSS, ${fmt(stream.seconds / whole.seconds)}× time`);
if (variants.includes('pandas')) {
  const pandas = measurePandasReadCsv(file);
  if (pandas.available) {
    lines.push(`baseline pandas ${pandas.version} read_csv: ${fmt(pandas.seconds)} s, peak RSS ${pandas.peakRssMB} MB`);
    if (stream) lines.push(`ratio batches / pandas: ${fmt(stream.peakRssMB / pandas.peakRssMB)}× peak RSS, ${fmt(stream.seconds / pandas.seconds)}× time`);
  } else lines.push(`pandas baseline skipped: ${pandas.reason}`);
}
process.stdout.write(`${lines.join('\n')}\n`);
