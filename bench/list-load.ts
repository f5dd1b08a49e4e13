/**
 * List-page load (issue 2, "Speed"): 10,000 experiments and 100,000 devices, a filtered, sorted list page
 * under 50 concurrent clients (autocannon, loopback, bearer token of a contributor who owns few rows, so
 * the visibility scope is exercised). The server runs in a child process so the load generator does not
 * share its event loop. Floors measured in the same run: GET /api/health, the list's SQL sent
 * straight through the driver with the same concurrency, and the same SQL from pgbench (no Node at all).
 * Run: npm run bench:list   (DB=postgres|pglite|both, SECONDS=10, PG_ADMIN_URL=postgres://…/postgres,
 * PROCESSES=1,2: HTTP server processes on PostgreSQL, one variant after another, each on a fresh database)
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createApiToken } from '../src/auth/api-token.repository.js';
import { loadConfig } from '../src/config.js';
import type { Db } from '../src/db/database.js';
import { startServer } from '../src/server.js';
import { startClusteredServer } from '../src/server-cluster.js';
import { insertUser } from '../src/users/user.repository.js';

interface Ready { url: string; token: string; batchId: number; seedMs: number }
interface Result { requests: { average: number }; non2xx: number; errors: number; timeouts: number; '2xx': number }
/** autocannon's summary plus every 2xx response time (its own summary has p97.5 but no p95). */
interface Run { r: Result; ms: number[]; load1: number }
interface Instance { on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void }
type Autocannon = (opts: { url: string; connections: number; duration?: number; amount?: number; headers?: Record<string, string> }, cb?: (err: Error | null, r: Result) => void) => Instance;

const EXPERIMENTS = 10_000;
const BATCHES = 100;
const DEVICES_PER_BATCH = 1_000;
const CONNECTIONS = 50;
const seconds = Number(process.env.SECONDS ?? 10);
const adminUrl = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

if (process.argv[2] === 'serve') await serve(process.argv[3] || undefined, process.argv[4] ?? '1');
else await main();

/** Child: start the real server on port 0 (with `processes` cluster workers: they run this file too), seed it, report url + token, stop on 'stop'. */
async function serve(databaseUrl: string | undefined, processes: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-list-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', WORKERS: '0', LOG_LEVEL: 'silent', WEB_CONCURRENCY: processes, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const server = config.processes > 1 ? await startClusteredServer(config) : await startServer(config);
  if (!server) return; // a cluster worker
  const t0 = performance.now();
  const seeded = await seed(server.database.db);
  const ready: Ready = { url: server.url.replace('localhost', '127.0.0.1'), ...seeded, seedMs: Math.round(performance.now() - t0) };
  process.send!(ready);
  process.on('message', async (m) => {
    if (m !== 'stop') return;
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
}

/** Bulk seed with insert … select generate_series (one statement per table; both PostgreSQL and PGlite). */
async function seed(db: Db): Promise<{ token: string; batchId: number }> {
  const org = await db.insertInto('organisations').values({ name: 'Bench Institute', status: 'public', is_research: true }).returning('id').executeTakeFirstOrThrow();
  const user = (username: string) => insertUser(db, { username, email: `${username}@example.org`, password: `${username}-password`, role: 'contributor', isActive: true, institutionId: org.id });
  const owner = await user('owner');
  const viewer = await user('viewer');
  await user('reader');
  const spec = await db.insertInto('device_specifications').values({ name: 'Bench 21700', device_type_id: 1, owner_id: owner.id, status: 'public' }).returning('id').executeTakeFirstOrThrow();
  // Ownership: the viewer owns 1 row in 20; of the rest, half are public (visible to the viewer), half private.
  const status = (i: string) => sql.raw(`case when ${i} % 2 = 0 then 'public' else 'private' end`);
  const ownerOf = (i: string) => sql`case when ${sql.raw(i)} % 20 = 0 then ${viewer.id}::int else ${owner.id}::int end`;
  await sql`insert into batches (name, specification_id, size, serial_template, owner_id, status, manufactured_on)
    select 'B' || i, ${spec.id}, ${DEVICES_PER_BATCH}, 'B' || i || '-%05d', ${ownerOf('i')}, case when i % 20 = 0 then 'private' else 'public' end, date '2024-01-01' + i
    from generate_series(1, ${BATCHES}) i`.execute(db);
  await sql`insert into devices (name, batch_id, sequence, serial, owner_id, status)
    select b.name || '-' || lpad(s::text, 5, '0'), b.id, s, b.name || '-' || lpad(s::text, 5, '0'), b.owner_id, b.status
    from batches b cross join generate_series(1, ${DEVICES_PER_BATCH}) s`.execute(db);
  await sql`insert into experiments (name, institution_id, date, device_configuration, temperature_c, c_rate, type, thermal_management, summary, owner_id, status)
    select 'Experiment ' || i, ${org.id}, date '2020-01-01' + (i % 2000), (array['single','series','parallel','series_parallel','other'])[1 + i % 5],
      (array[-10, 0, 10, 25, 25, 35, 45])[1 + i % 7], (array[0.1, 0.5, 1, 2])[1 + i % 4],
      (array['constant_current','constant_current','gitt','hppc','drive_cycle','other'])[1 + (i / 7) % 6], 'chamber', 'Cycling at ' || (i % 7) || ' conditions',
      ${ownerOf('i')}, ${status('(i / 3)')}
    from generate_series(1, ${EXPERIMENTS}) i`.execute(db);
  // Four devices under test per experiment.
  await sql`insert into experiment_devices (experiment_id, device_id, position)
    select e.id, d.id, 'slot ' || k from experiments e cross join generate_series(0, 3) k
    join devices d on d.id = 1 + ((e.id * 4 + k) % ${BATCHES * DEVICES_PER_BATCH})`.execute(db);
  // A database in use has been vacuumed: the visibility map lets counts use index-only scans.
  await sql`vacuum analyze`.execute(db);
  const batch = await db.selectFrom('batches').select('id').where('status', '=', 'public').orderBy('id').offset(10).executeTakeFirstOrThrow();
  const { token } = await createApiToken(db, viewer.id, 'bench');
  return { token, batchId: batch.id };
}

async function main(): Promise<void> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const which = process.env.DB ?? 'both';
  const report: string[] = [`load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`];
  if (which !== 'pglite') for (const processes of (process.env.PROCESSES ?? '1').split(',')) report.push(...(await runPostgres(autocannon, Number(processes))));
  if (which !== 'postgres') report.push(...(await runOne(autocannon, 'pglite', undefined, 1)));
  console.log(report.join('\n'));
}

async function runPostgres(autocannon: Autocannon, processes: number): Promise<string[]> {
  const name = `liionsden_bench_list_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await runOne(autocannon, 'postgres', url.toString(), processes);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function runOne(autocannon: Autocannon, kind: string, databaseUrl: string | undefined, processes: number): Promise<string[]> {
  const child = fork(process.argv[1], ['serve', databaseUrl ?? '', String(processes)], { stdio: 'inherit' });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  try {
    const headers = { authorization: `Bearer ${ready.token}` };
    const experiments = '/api/v1/experiments?type=constant_current&temperature_c__gte=20&sort=-date&page=3&page_size=50';
    const devices = `/api/v1/devices?batch_id=${ready.batchId}&sort=-sequence&page=2&page_size=50`;
    await check(`${ready.url}${experiments}`, headers);
    await check(`${ready.url}${devices}`, headers);
    const load = async (path: string, auth: Record<string, string> = headers) => {
      await cannon({ url: ready.url + path, connections: CONNECTIONS, amount: 200, headers: auth }); // warm-up
      const load1 = loadavg()[0];
      const run = await cannon({ url: ready.url + path, connections: CONNECTIONS, duration: seconds, headers: auth });
      const r = run.r;
      if (r.non2xx) throw new Error(`${path}: ${r.non2xx} non-2xx responses`);
      return { ...run, load1 };
    };
    const cannon = (opts: Parameters<Autocannon>[0]) =>
      new Promise<Omit<Run, 'load1'>>((resolve, reject) => {
        const ms: number[] = [];
        const instance = autocannon(opts, (err, r) => (err ? reject(err) : resolve({ r, ms })));
        instance.on('response', (_client, status, _bytes, time) => {
          if (status === 200) ms.push(time);
        });
      });
    const lines = [`## ${kind}${processes > 1 ? `, ${processes} server processes` : ''}: seeded ${EXPERIMENTS} experiments, ${BATCHES * DEVICES_PER_BATCH} devices in ${ready.seedMs} ms; ${CONNECTIONS} connections × ${seconds} s`];
    // Anonymous health skips the bearer lookup (and its last_used_at write); with the token it is the floor of any API call.
    lines.push(row('GET /api/health, anonymous', await load('/api/health', {})));
    const health = await load('/api/health');
    lines.push(row('GET /api/health, bearer token (floor)', health));
    for (const path of [experiments, devices]) {
      // One client alone: the service time of a request; 50 clients then queue behind each other (Little's law).
      const alone = await cannon({ url: ready.url + path, connections: 1, duration: 3, headers });
      lines.push(row(`${path} — 1 client`, { ...alone, load1: loadavg()[0] }));
      const run = await load(path);
      const p95 = quantile(run.ms, 0.95);
      lines.push(row(path, run), `  p95 ≤ 50 ms: ${p95 <= 50 ? 'MET' : 'NOT MET'} (p95 / health p95 = ${(p95 / quantile(health.ms, 0.95)).toFixed(1)}×)`);
    }
    if (databaseUrl) lines.push(...(await plainSql(databaseUrl, ready.batchId)));
    return lines;
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function check(url: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(url, { headers });
  const body = (await res.json()) as { items?: unknown[]; total?: number };
  if (res.status !== 200 || !body.items?.length) throw new Error(`${url}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  console.log(`${url.replace(/^http:\/\/[^/]+/, '')}: ${body.items.length} items of ${body.total}`);
}

/** Nearest-rank quantile of unsorted latencies (ms). */
function quantile(ms: number[], f: number): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * f))];
}

function row(label: string, { r, ms, load1 }: Run): string {
  const q = (f: number) => quantile(ms, f).toFixed(1);
  // autocannon gives up on a request after 10 s: those count as errors/timeouts, not as latencies.
  const failed = r.errors || r.timeouts ? `, ${r.timeouts} timed out after 10 s` : '';
  return `${label}\n  p50 ${q(0.5)} ms  p95 ${q(0.95)} ms  p99 ${q(0.99)} ms  max ${q(1)} ms  ${Math.round(r.requests.average)} req/s  (${ms.length} requests${failed}, load1 ${load1.toFixed(2)})`;
}

/**
 * Each page's SQL as the server issues it, straight through pg, 50 at a time: the page and its total in one
 * statement (entity-read.repository.ts), for experiments with the devices under test of its 50 rows
 * selected outside the page's LIMIT (the `derived` hook, experiment-devices.repository.ts).
 */
async function plainSql(databaseUrl: string, batchId: number): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const viewer = (await pool.query<{ id: number }>(`select id from users where username = 'viewer'`)).rows[0].id;
  const scope = (a: string) => `(${a}.status = 'public' or (${a}.status = 'private' and ${a}.owner_id = $1))`;
  const devicesUnderTest = `(select coalesce(json_agg(json_build_object('device_id', ed.device_id, 'position', ed.position, 'serial', d.serial,
    'batch_id', d.batch_id, 'sequence', d.sequence) order by d.batch_id, d.sequence), '[]'::json) from experiment_devices ed
    join devices d on d.id = ed.device_id where ed.experiment_id = p.id and ${scope('d')}) as devices`;
  const withTotal = (table: string, where: string, order: (alias: string) => string, offset: number, derived = '') =>
    `select c.total, p.*${derived} from (select count(*) as total from ${table} t where ${scope('t')} and ${where}) c
     left join lateral (select t.* from ${table} t where ${scope('t')} and ${where} order by ${order('t')} limit 50 offset ${offset}) p on true order by ${order('p')}`;
  const pages: [string, string, unknown[]][] = [
    ['experiments', withTotal('experiments', 't.type = $2 and t.temperature_c >= $3', (a) => `${a}.date desc, ${a}.id asc`, 100, `, ${devicesUnderTest}`), [viewer, 'constant_current', 20]],
    ['devices', withTotal('devices', 't.batch_id = $2', (a) => `${a}.sequence desc, ${a}.id asc`, 50), [viewer, batchId]],
  ];
  const lines: string[] = [];
  for (const [table, text, params] of pages) {
    const latencies: number[] = [];
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          await pool.query(text, params);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const q = (f: number) => quantile(latencies, f).toFixed(1);
    const what = table === 'experiments' ? 'page + total + devices under test' : 'page + total';
    lines.push(`plain SQL via pg (pool 10, ${CONNECTIONS} concurrent), ${table}: ${what}\n  p50 ${q(0.5)} ms  p95 ${q(0.95)} ms  p99 ${q(0.99)} ms  ${Math.round(latencies.length / seconds)} pages/s`);
  }
  for (const [table, text, params] of pages) lines.push(...pgbenchFloor(databaseUrl, table, text, params));
  for (const [table, text, params] of pages) {
    const plan = (await pool.query(`explain (analyze, buffers) ${text}`, params)).rows.map((r: Record<string, string>) => `  ${r['QUERY PLAN']}`);
    lines.push(`EXPLAIN (ANALYZE, BUFFERS) ${table} page + total:`, ...plan);
  }
  await pool.end();
  return lines;
}

/**
 * The floor without Node at all: PostgreSQL's own load generator sends the page's SQL (parameters written in as
 * literals) from 50 clients, as simple queries and as a prepared statement (no parse or plan per call). On a
 * machine where PostgreSQL, the server and the load generator share the cores, this is the most pages/s the
 * database can serve whatever the server does.
 */
function pgbenchFloor(databaseUrl: string, table: string, text: string, params: unknown[]): string[] {
  if (spawnSync('pgbench', ['--version']).status !== 0) return [`pgbench not found: the database-only floor of the ${table} page is skipped`];
  const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-pgbench-'));
  try {
    const script = join(dir, `${table}.sql`);
    writeFileSync(script, `${text.replace(/\$(\d+)/g, (_m, k: string) => literal(params[Number(k) - 1])).replace(/\s+/g, ' ')};\n`);
    return (['simple', 'prepared'] as const).map((mode) => {
      // -l: one line per transaction (client, transaction, latency in µs, …) in files named after the prefix.
      const prefix = join(dir, `${table}-${mode}`);
      const run = spawnSync('pgbench', ['-n', '-f', script, '-c', String(CONNECTIONS), '-j', '2', '-T', String(seconds), '-M', mode, '-l', `--log-prefix=${prefix}`, databaseUrl], { encoding: 'utf8' });
      if (run.status !== 0) return `pgbench (${mode}) failed: ${run.stderr.trim().split('\n').pop()}`;
      const ms = readdirSync(dir).filter((f) => join(dir, f).startsWith(prefix)).flatMap((f) =>
        readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => Number(l.split(' ')[2]) / 1000));
      const q = (f: number) => quantile(ms, f).toFixed(1);
      const tps = Number(/tps = ([\d.]+)/.exec(run.stdout)?.[1]);
      return `pgbench, ${CONNECTIONS} clients, ${mode} queries, ${table} page SQL only (no HTTP, no Node)\n  p50 ${q(0.5)} ms  p95 ${q(0.95)} ms  p99 ${q(0.99)} ms  ${Math.round(tps)} pages/s  (${ms.length} transactions)`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
