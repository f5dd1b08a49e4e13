/**
 * How long a SIGKILLed worker's job waits before another worker claims it: the default lease
 * (JOB_LEASE_S = 10 s, heartbeat every lease/5) against the old 60 s lease, in the same run.
 * Real processes on PostgreSQL (BENCH_DATABASE_URL, default the test server): worker A parses a
 * 300,000-row Arbin CSV, worker B idles beside it, A is killed -9; the time is kill → B's claim.
 * Run: `sh bench/series-run.sh bench/job-recovery.ts` (about 2 minutes).
 */
import { sql } from 'kysely';
import { createWorkerRig } from '../tests/setup/worker-processes.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function recoveryMs(leaseS: number | undefined): Promise<number> {
  const rig = await createWorkerRig(url, `recovery${leaseS ?? 'default'}`);
  try {
    const lease = leaseS === undefined ? [] : ['--lease-seconds', String(leaseS)];
    const id = await rig.queueFile('bench');
    const a = rig.start(['--concurrency', '1', ...lease]);
    await rig.until(async () => (await rig.state(id)).state === 'parsing', 60_000);
    // Kill A only once B is up (its connection open: it has started migrating; it claims right after).
    const connections = async () => Number((await sql<{ n: string }>`select count(*) as n from pg_stat_activity where datname = current_database()`.execute(rig.handle.db)).rows[0].n);
    const before = await connections();
    rig.start(['--concurrency', '1', ...lease]);
    await rig.until(async () => (await connections()) > before, 120_000);
    await new Promise((r) => setTimeout(r, 2_000));
    a.kill('SIGKILL');
    const killedAt = performance.now();
    const holder = async () => (await rig.handle.db.selectFrom('jobs').select('locked_by').where('data_file_id', '=', id).executeTakeFirstOrThrow()).locked_by ?? '';
    await rig.until(async () => !(await holder()).includes(`:${a.pid}:`), 120_000);
    return performance.now() - killedAt;
  } finally {
    await rig.close();
  }
}

const fresh = await recoveryMs(undefined);
const old = await recoveryMs(60);
console.log(`kill -9 → job claimed by another worker: default lease ${(fresh / 1000).toFixed(1)} s, old 60 s lease ${(old / 1000).toFixed(1)} s, ratio ${(fresh / old).toFixed(2)}`);
process.exit(0);
