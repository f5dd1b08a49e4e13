import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerRig, type WorkerRig } from '../../tests/setup/worker-processes.js';

// Worker processes over one shared database: PostgreSQL only (PGlite is one process).
const url = process.env.TEST_DATABASE_URL;

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe.skipIf(!url)('a worker stopped with SIGTERM mid-ingest drains (PostgreSQL only: set TEST_DATABASE_URL)', () => {
  let rig: WorkerRig;
  beforeAll(async () => {
    rig = await createWorkerRig(url!, 'drain');
  });
  afterEach(async () => rig.killAll());
  afterAll(async () => rig?.close());

  const parsingWorker = async (label: string, graceS: string) => {
    const id = await rig.queueFile(label);
    const worker = rig.start(['--concurrency', '1'], { SHUTDOWN_GRACE_S: graceS });
    await rig.until(async () => (await rig.state(id)).state === 'parsing', 60_000);
    return { id, worker };
  };

  it('finishes the job in hand within the grace period, takes no new one, and exits 0', async () => {
    const { id, worker } = await parsingWorker('finishes', '600');
    const waiting = await rig.queueFile('waits');
    const exit = exited(worker);
    worker.kill('SIGTERM');
    expect(await exit).toBe(0);

    expect(await rig.state(id)).toMatchObject({ state: 'ready', row_count: 300_000 });
    expect(await rig.job(id)).toEqual({ state: 'done', attempts: 1 });
    // Queued while it drained: left for another worker, never claimed.
    expect(await rig.job(waiting)).toEqual({ state: 'queued', attempts: 0 });
    expect(await rig.state(waiting)).toMatchObject({ state: 'queued', series_key: null });
  }, 240_000);

  it('hands the job back to the queue at once when the grace period runs out, with nothing half-written', async () => {
    await rig.handle.db.deleteFrom('jobs').where('state', '=', 'queued').execute();
    const { id, worker } = await parsingWorker('handed back', '0');
    const exit = exited(worker);
    worker.kill('SIGTERM');
    expect(await exit).toBe(0);

    // Runnable now (no lease to wait for), the attempt given back, the data file showing no series.
    expect(await rig.state(id)).toEqual({ state: 'queued', series_key: null, row_count: null });
    const job = await rig.handle.db.selectFrom('jobs').select(['state', 'attempts', 'locked_by', sql<boolean>`run_at <= now()`.as('due')]).where('data_file_id', '=', id).executeTakeFirstOrThrow();
    expect(job).toEqual({ state: 'queued', attempts: 0, locked_by: null, due: true });
    const cycles = await rig.handle.db.selectFrom('cycle_summaries').select('cycle').where('data_file_id', '=', id).execute();
    expect(cycles).toEqual([]);

    rig.start(['--concurrency', '1']);
    await rig.until(async () => (await rig.state(id)).state === 'ready', 120_000);
    expect(await rig.state(id)).toMatchObject({ state: 'ready', row_count: 300_000 });
    expect(await rig.job(id)).toEqual({ state: 'done', attempts: 1 });
  }, 240_000);
});
