/**
 * Issue 16's harvester targets, each against a baseline measured in the same run:
 *  1. a folder of FILES (500) files where nothing changed: one scan ≤ 1 s, no bytes sent
 *     (baseline: a bare recursive listing + stat of the same folder, the floor of any scan);
 *  2. idle CPU of a running `liionsden harvest` process (default 30 s scans) ≤ 1 % (baseline: an idle Node process);
 *  3. APPEND_ROWS (1,000,000)-row Arbin CSV grown by 1 %: append → visible in the series API, against a
 *     full ingest of the file (target ≤ 5 % and ≤ 10 s), after one small append (the first parses the file whole).
 * The server runs in this process on an embedded database under bench/out; the harvester of (2) is the
 * compiled CLI (`npm ci` builds it). Run: sh bench/series-run.sh bench/harvest.ts  (ONLY=1,2,3 picks parts)
 */
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createApiToken } from '../src/auth/api-token.repository.js';
import { loadConfig } from '../src/config.js';
import { HarvestApi } from '../src/harvest/harvest-api.js';
import { loadHarvestState } from '../src/harvest/harvest-state.js';
import { runHarvester, scanOnce, type HarvesterOptions } from '../src/harvest/harvester.js';
import { startServer } from '../src/server.js';

const FILES = Number(process.env.FILES ?? 500);
const APPEND_ROWS = Number(process.env.APPEND_ROWS ?? 1_000_000);
const root = 'bench/out/harvest';
rmSync(root, { recursive: true, force: true });
mkdirSync(`${root}/folder`, { recursive: true });
const fmt = (x: number, d = 2) => x.toFixed(d);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: `${root}/data`, WORKERS: '1', LOG_LEVEL: 'silent', ADMIN_USERNAME: 'bench', ADMIN_PASSWORD: 'bench-password-1' }));
const admin = await server.database.db.selectFrom('users').select('id').where('username', '=', 'bench').executeTakeFirstOrThrow();
const { token } = await createApiToken(server.database.db, admin.id, 'bench');
const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
};
const experimentId = (await call('POST', '/api/v1/experiments', { name: 'harvest bench' })).id as number;
const lines: string[] = [];
const only = new Set((process.env.ONLY ?? '1,2,3').split(','));

const opts: HarvesterOptions = { server: server.url, token, folder: `${root}/folder`, experimentId, statePath: `${root}/state.json`, intervalS: 30 };
// 1. Unchanged folder (2 reuses its state file).
if (only.has('1') || only.has('2')) {
  execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', '200', '--out', `${root}/small.csv`]);
  const small = readFileSync(`${root}/small.csv`);
  for (let i = 0; i < FILES; i++) writeFileSync(`${root}/folder/ch${String(i).padStart(3, '0')}.csv`, Buffer.concat([small, Buffer.from(`${i}\n`)]));
  const api = new HarvestApi(opts);
  const first = await scanOnce(opts, api, await loadHarvestState(opts.statePath));
  const floorMs: number[] = [];
  const scanMs: number[] = [];
  let sent = 0;
  for (let round = 0; round < 5; round++) {
    let t0 = performance.now();
    const entries = await readdir(opts.folder, { recursive: true, withFileTypes: true });
    await Promise.all(entries.filter((e) => e.isFile()).map((e) => stat(join(e.parentPath ?? e.path, e.name))));
    floorMs.push(performance.now() - t0);
    t0 = performance.now();
    const s = await scanOnce(opts, api, await loadHarvestState(opts.statePath));
    scanMs.push(performance.now() - t0);
    sent += s.uploaded + s.appended + s.replaced;
}
if (only.has('1')) lines.push(`1. ${FILES} files: first scan uploaded ${first.uploaded} in ${fmt(first.ms / 1000)} s; unchanged scan median ${fmt(median(scanMs), 1)} ms (target ≤ 1000 ms), ${sent} sends; bare listing + stat ${fmt(median(floorMs), 1)} ms; ratio ${fmt(median(scanMs) / median(floorMs))}×`);

}

// 2. Idle CPU of the harvester process (the compiled CLI), against an idle Node process, over 90 s (IDLE_WINDOW_S), both at once.
if (only.has('2')) {
  const ticks = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).map(Number).reduce((a, b) => a + b, 0);
  const harvester = spawn(process.execPath, ['bin/liionsden.js', 'harvest', opts.folder, '--server', server.url, '--experiment', String(experimentId), '--state', opts.statePath], { env: { ...process.env, LIIONSDEN_TOKEN: token }, stdio: 'ignore' });
  const idle = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 3000)); // start-up and first scan
  const before = [ticks(harvester.pid!), ticks(idle.pid!)];
  const windowS = Number(process.env.IDLE_WINDOW_S ?? 90);
  await new Promise((r) => setTimeout(r, windowS * 1000));
  const cpu = [ticks(harvester.pid!) - before[0], ticks(idle.pid!) - before[1]].map((t) => t / (windowS * 100) * 100);
  harvester.kill();
  idle.kill();
  lines.push(`2. idle CPU over ${windowS} s (default interval: a full scan of ${FILES} unchanged files every 30 s): harvester ${fmt(cpu[0])} % (target ≤ 1 %), idle Node ${fmt(cpu[1])} %`);
}

// 3. Append 1 % to a big file, against a full ingest of it.
if (only.has('3')) {
  execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', String(Math.round(APPEND_ROWS * 1.01)), '--out', `${root}/grown.csv`]);
  const grown = readFileSync(`${root}/grown.csv`);
  let cut = 0;
  for (let n = 0; n <= APPEND_ROWS; n++) cut = grown.indexOf(0x0a, cut) + 1; // header + APPEND_ROWS rows
  mkdirSync(`${root}/big`, { recursive: true });
  const bigOpts: HarvesterOptions = { ...opts, folder: `${root}/big`, statePath: `${root}/big-state.json` };
  writeFileSync(`${root}/big/cell.csv`, grown.subarray(0, cut));
  // A poll may meet a keep-alive socket the server closed while a parse held its event loop: poll again.
  const poll = (path: string) => call('GET', path).catch((err: Error) => (err.message === 'fetch failed' ? null : Promise.reject(err)));
  const waitReady = async (sha256: string) => {
    for (;;) {
      const page = await poll(`/api/v1/data-files?experiment_id=${experimentId}&name=cell.csv`);
      if (!page) continue;
      const list = page.items as { id: number; sha256: string; state: string }[];
      const f = list[0];
      if (f?.sha256 === sha256 && f.state === 'ready') {
        await call('GET', `/api/v1/data-files/${f.id}/series?columns=Voltage / V&maxPoints=1000`);
        return;
      }
      if (f?.state === 'failed') throw new Error('ingest failed');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const sha = (b: Buffer) => import('node:crypto').then((c) => c.createHash('sha256').update(b).digest('hex'));
  let t0 = performance.now();
  await runHarvester(bigOpts, { once: true });
  await waitReady(await sha(grown.subarray(0, cut)));
  const fullS = (performance.now() - t0) / 1000;
  // The first append of a file parses it whole and keeps a checkpoint (ADR 0010); the ones after parse only their rows.
  const warm = grown.indexOf(0x0a, cut + 1) + 1;
  appendFileSync(`${root}/big/cell.csv`, grown.subarray(cut, warm));
  t0 = performance.now();
  await runHarvester(bigOpts, { once: true });
  await waitReady(await sha(grown.subarray(0, warm)));
  const firstAppendS = (performance.now() - t0) / 1000;
  appendFileSync(`${root}/big/cell.csv`, grown.subarray(warm));
  t0 = performance.now();
  await runHarvester(bigOpts, { once: true });
  await waitReady(await sha(grown));
  const appendS = (performance.now() - t0) / 1000;
  lines.push(`3. ${APPEND_ROWS} rows (${fmt(cut / 1e6, 0)} MB) + 1 %: full ingest to visible ${fmt(fullS)} s; first append (whole file again, checkpoint kept) ${fmt(firstAppendS)} s; append of 1 % to visible ${fmt(appendS)} s; ratio ${fmt(appendS / fullS)} (target ≤ 0.05 and ≤ 10 s)`);
  rmSync(`${root}/grown.csv`);
}
await server.stop();
console.log(lines.join('\n'));
