/**
 * Parse throughput of the binary parsers on the big fixtures (parse only, no normalisation).
 * CPU time (user + system) is reported next to wall time because the machine is shared.
 * Run: sh bench/series-run.sh bench/binary-parsers.ts
 */
import { readFileSync } from 'node:fs';
import type { CyclerParser } from '../src/parsers/cycler-parser.js';
import { newareNdaxParser } from '../src/parsers/neware/ndax.parser.js';
import { newareNdaParser } from '../src/parsers/neware/nda.parser.js';
import { biologicMprParser } from '../src/parsers/biologic/mpr.parser.js';
import { arbinResParser } from '../src/parsers/arbin/res.parser.js';

const cases: [CyclerParser, string, number][] = [
  [newareNdaxParser, 'neware/test_2.ndax', 0.47],
  [newareNdaParser, 'neware/TestFile.nda', NaN],
  [biologicMprParser, 'biologic/jdb11-1_c3_gcpl_5cycles_2V-3p8V_C-24_data_C09.mpr', 0.029],
  [arbinResParser, 'arbin/20160805_test001_45_cc_01.res', NaN],
];
const runs = Number(process.env.RUNS ?? 10);

for (const [parser, file, pythonS] of cases) {
  const bytes = new Uint8Array(readFileSync(`../shared/fixtures/${file}`));
  let rows = 0;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < runs + 2; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    rows = (await parser.parse({ fileName: file.split('/')[1], bytes })).rows;
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    if (k >= 2) { wall.push((t1 - t0) / 1000); cpu.push((c.user + c.system) / 1e6); }
  }
  const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1];
  const best = Math.min(...cpu);
  const ratio = Number.isNaN(pythonS) ? '' : ` | Python reader ${pythonS} s → ${(pythonS / best).toFixed(1)}× faster (best CPU)`;
  console.log(`${parser.name.padEnd(13)} ${file.split('/')[1].slice(0, 40).padEnd(42)} ${rows} rows  wall median ${(median(wall) * 1000).toFixed(1)} ms, best ${(Math.min(...wall) * 1000).toFixed(1)} ms  CPU best ${(best * 1000).toFixed(1)} ms  ${(rows / best / 1e6).toFixed(2)} M rows/s  ${(bytes.length / 1e6 / best).toFixed(1)} MB/s${ratio}`);
}
