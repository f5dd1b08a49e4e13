/**
 * The data API through the HTTP app (in-process `app.request`, bearer token, PGlite), server time
 * per request including the JSON body:
 *   series      GET /data-files/:id/series on a 10,000,000-row file, 60 random windows, maxPoints 4000
 *   cycle table GET /compare/cycles for 100 data files × 1,000 stored cycles, vs 100 GET …/cycles calls
 * Run: npm run bench:series-endpoint  (ROWS=… to change the series size; PART=cycles runs only the
 * cycle table; BENCH_DATABASE_URL=postgres://… a fresh PostgreSQL database instead of in-memory PGlite)
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../src/api/app.js';
import { createApiToken } from '../src/auth/api-token.repository.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createLogger } from '../src/observability/logger.js';
import { replaceCycleSummaries } from '../src/ingest/cycle-columns.js';
import { writeSyntheticSeries } from '../src/series/series-fixture.js';
import { openBlobStore } from '../src/storage/open-blob-store.js';
import { insertUser } from '../src/users/user.repository.js';
import { median, seededRandom } from './series-stats.js';
import type { CycleSummary } from '../src/domain/cycle-summary.js';

const rows = Number(process.env.ROWS ?? 10_000_000);
const onlyCycles = process.env.PART === 'cycles';
const out = join(process.cwd(), 'bench', 'out');
mkdirSync(out, { recursive: true });
const bigFile = join(out, `series-${rows}.parquet`);
if (!onlyCycles && !existsSync(bigFile)) await writeSyntheticSeries(bigFile, { rows, rowsPerCycle: 7200 });
const smallFile = join(out, 'series-7200.parquet');
if (!existsSync(smallFile)) await writeSyntheticSeries(smallFile, { rows: 7200, rowsPerCycle: 7200 });

const dataDir = mkdtempSync(join(out, 'endpoint-'));
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const database = process.env.BENCH_DATABASE_URL ? openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL }) : openDatabase({ inMemory: true });
await migrateToLatest(database.db);
const db = database.db;
const store = openBlobStore(config);
if (!onlyCycles) await store.putFile('series/big.parquet', bigFile);
await store.putFile('series/small.parquet', smallFile);
const user = await insertUser(db, { username: 'bench', email: 'bench@example.org', password: 'bench-password', role: 'contributor', isActive: true });
const { token } = await createApiToken(db, user.id, 'bench');
const headers = { authorization: `Bearer ${token}` };
const experiment = await db.insertInto('experiments').values({ name: 'bench', owner_id: user.id, status: 'private' }).returning('id').executeTakeFirstOrThrow();
let fileCount = 0;
const addFile = async (seriesKey: string, rowCount: number) =>
  (
    await db
      .insertInto('data_files')
      .values({ name: seriesKey, experiment_id: experiment.id, original_name: 'x.csv', sha256: String(++fileCount).padStart(64, '0'), size_bytes: 1, blob_key: 'blobs/none', state: 'ready', series_key: seriesKey, row_count: rowCount, owner_id: user.id, status: 'private' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

const app = createApp({ config, db, dbKind: database.kind, logger: createLogger({ logLevel: 'silent' }) });
/** Server time: request → the whole response body in bytes; then the client's JSON.parse, timed apart. */
const timed = async (path: string): Promise<{ ms: number; withParseMs: number; body: unknown }> => {
  const t0 = performance.now();
  const res = await app.request(path, { headers });
  const bytes = await res.arrayBuffer();
  const ms = performance.now() - t0;
  const body: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return { ms, withParseMs: performance.now() - t0, body };
};

// Series windows: the same generator and seed as series-query.ts.
const random = seededRandom(42);
const windows = Array.from({ length: 60 }, () => {
  const width = Math.exp(Math.log(1000) + random() * (Math.log(rows) - Math.log(1000)));
  const from = random() * (rows - width);
  return { from: Math.round(from), to: Math.round(from + width) };
});
windows[0] = { from: 0, to: rows - 1 };
const seriesPath = (bigId: number, w: { from: number; to: number }) => `/api/v1/data-files/${bigId}/series?columns=Voltage / V,Current / A&from=${w.from}&to=${w.to}&maxPoints=4000`;
let cold = { ms: Number.NaN };
const series: number[] = [];
let maxPoints = 0;
if (!onlyCycles) {
  const bigId = await addFile('series/big.parquet', rows);
  cold = await timed(`/api/v1/data-files/${bigId}/series?columns=Voltage / V,Current / A`);
  for (const w of windows) {
    const r = await timed(seriesPath(bigId, w));
    series.push(r.ms);
    maxPoints = Math.max(maxPoints, (r.body as { rows: number }).rows);
  }
}

// Cycle table: 100 data files, 1,000 stored cycles each.
const ids: number[] = [];
for (let f = 0; f < 100; f++) {
  const id = await addFile('series/small.parquet', 7200);
  ids.push(id);
  const cycles: CycleSummary[] = Array.from({ length: 1000 }, (_, i) => ({
    cycle: i + 1, vendorCycle: i + 1, chargeCapacityAh: 3, dischargeCapacityAh: 3 * (1 - 0.0002 * i - 0.01 * random()), chargeEnergyWh: 11.1, dischargeEnergyWh: 10.8,
    coulombicEfficiency: 0.999, energyEfficiency: 0.97, minVoltageV: 2.7, maxVoltageV: 4.2, meanVoltageV: 3.6, minTemperatureC: 24, maxTemperatureC: 27, meanTemperatureC: 25,
    durationS: 7200, startTestTimeS: i * 7200, endTestTimeS: (i + 1) * 7200 - 1, internalResistanceOhm: null, rowCount: 7200,
  }));
  await db.transaction().execute((tx) => replaceCycleSummaries(tx, id, cycles, new Map()));
}
const compare: number[] = [];
const compareWithParse: number[] = [];
let compareBytes = 0;
for (let k = 0; k < 15; k++) {
  const r = await timed(`/api/v1/compare/cycles?dataFiles=${ids.join(',')}&metric=capacity`);
  compare.push(r.ms);
  compareWithParse.push(r.withParseMs);
  compareBytes = JSON.stringify(r.body).length;
}
const oneByOne: number[] = [];
for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  for (const id of ids) await timed(`/api/v1/data-files/${id}/cycles`);
  oneByOne.push(performance.now() - t0);
}

const m = (xs: number[]) => median(xs).toFixed(1);
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)].toFixed(1);
console.log(JSON.stringify({ rows, database: database.kind, coldFirstSeriesMs: Math.round(cold.ms), maxPointsReturned: maxPoints }));
if (!onlyCycles) console.log(`series endpoint     median ${m(series)} ms  p95 ${p95(series)} ms  max ${Math.max(...series).toFixed(1)} ms  (${windows.length} windows)`);
console.log(`compare 100×1000    median ${m(compare)} ms  p95 ${p95(compare)} ms  (server, ${(compareBytes / 1e6).toFixed(1)} MB JSON; with the client's JSON.parse: median ${m(compareWithParse)} ms)`);
console.log(`100 × GET /cycles   median ${m(oneByOne)} ms  ratio ${(median(oneByOne) / median(compare)).toFixed(1)}×`);
await database.close();
rmSync(dataDir, { recursive: true, force: true });
