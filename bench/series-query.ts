/**
 * Series endpoint engine on a 10,000,000-row data file: random windows (1,000 s to the whole
 * test), voltage + current, maxPoints 4000. Compares, in the same run:
 *   m4-cache   our engine (decoded columns in memory, block-indexed M4), after one cold load
 *   duckdb-m4  M4 as one DuckDB SQL aggregate over the Parquet file per request (no cache)
 *   raw-window every row of the window read from Parquet by DuckDB, not downsampled
 * Run: npm run bench:series  (ROWS=… to change the size)
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalBlobStore } from '../src/storage/local-blob-store.js';
import { withDuckDb, sqlString } from '../src/series/duckdb.js';
import { encodeSeriesJson } from '../src/series/series-encoding.js';
import { createSeriesEngine, openSeries } from '../src/series/series-engine.js';
import { writeSyntheticSeries } from '../src/series/series-fixture.js';
import { querySeries } from '../src/series/series-query.js';
import { median, seededRandom } from './series-stats.js';

const rows = Number(process.env.ROWS ?? 10_000_000);
const out = join(process.cwd(), 'bench', 'out');
mkdirSync(out, { recursive: true });
const file = join(out, `series-${rows}.parquet`);
if (!existsSync(file)) {
  const t0 = performance.now();
  await writeSyntheticSeries(file, { rows, rowsPerCycle: 7200 });
  console.log(`wrote ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const blobStore = createLocalBlobStore(join(out, 'files'));
await blobStore.putFile('series/bench.parquet', file);
const engine = createSeriesEngine({ blobStore, dataDir: out });

const random = seededRandom(42);
const windows = Array.from({ length: 60 }, () => {
  const width = Math.exp(Math.log(1000) + random() * (Math.log(rows) - Math.log(1000)));
  const from = random() * (rows - width);
  return { fromS: Math.round(from), toS: Math.round(from + width) };
});
windows[0] = { fromS: 0, toS: rows - 1 };
const columns = ['Voltage / V', 'Current / A'];

let t0 = performance.now();
const handle = await openSeries(engine, 'series/bench.parquet');
await querySeries(engine, handle, { columns, maxPoints: 4000 });
const coldMs = performance.now() - t0;

const ours: number[] = [];
let maxRows = 0;
for (const w of windows) {
  t0 = performance.now();
  const r = await querySeries(engine, handle, { columns, ...w, maxPoints: 4000 });
  encodeSeriesJson(r);
  ours.push(performance.now() - t0);
  maxRows = Math.max(maxRows, r.rows);
}

const sqlWindows = windows.slice(0, 12);
const duckM4: number[] = [];
const raw: number[] = [];
await withDuckDb(async (conn) => {
  const src = `read_parquet(${sqlString(file)})`;
  for (const w of sqlWindows) {
    const px = 666;
    t0 = performance.now();
    await conn.runAndReadAll(`SELECT px, arg_min({t: t, v: v, i: i}, t), arg_max({t: t, v: v, i: i}, t), arg_min({t: t, v: v, i: i}, v),
      arg_max({t: t, v: v, i: i}, v), arg_min({t: t, v: v, i: i}, i), arg_max({t: t, v: v, i: i}, i)
      FROM (SELECT "Test Time / s" t, "Voltage / V" v, "Current / A" i, least(${px - 1}, floor((t - ${w.fromS}) * ${px} / ${w.toS - w.fromS + 1}))::INT px
            FROM ${src} WHERE t BETWEEN ${w.fromS} AND ${w.toS}) GROUP BY px`);
    duckM4.push(performance.now() - t0);
    t0 = performance.now();
    await conn.runAndReadAll(`SELECT "Test Time / s", "Voltage / V", "Current / A" FROM ${src} WHERE "Test Time / s" BETWEEN ${w.fromS} AND ${w.toS}`);
    raw.push(performance.now() - t0);
  }
});

const m = (xs: number[]) => median(xs).toFixed(1);
console.log(JSON.stringify({ rows, windows: windows.length, maxPointsReturned: maxRows, coldFirstQueryMs: Math.round(coldMs) }));
console.log(`m4-cache   median ${m(ours)} ms  max ${Math.max(...ours).toFixed(1)} ms`);
console.log(`duckdb-m4  median ${m(duckM4)} ms  (${sqlWindows.length} windows)  ratio ${(median(duckM4) / median(ours)).toFixed(0)}×`);
console.log(`raw-window median ${m(raw)} ms  (${sqlWindows.length} windows)  ratio ${(median(raw) / median(ours)).toFixed(0)}×`);
