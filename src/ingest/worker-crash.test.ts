import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerRig, type WorkerRig } from '../../tests/setup/worker-processes.js';

// Two processes must share the database, which PGlite (one process) cannot: this runs on PostgreSQL only.
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('a worker killed with SIGKILL mid-ingest (PostgreSQL only: set TEST_DATABASE_URL)', () => {
  let rig: WorkerRig;
  beforeAll(async () => {
    rig = await createWorkerRig(url!, 'crash');
  });
  // Each case's workers go with it, so that the next case's job is claimed by its own workers only.
  afterEach(async () => rig.killAll());
  afterAll(async () => rig?.close());

  // The file (41 MB) is read whole by default; STREAM_INGEST_MIN_BYTES=0 reads it in batches through a spool.
  // The workers run with the default lease (JOB_LEASE_S, 10 s): the second one takes the job over once it runs out.
  it.each([
    ['read whole', {}],
    ['read in batches', { STREAM_INGEST_MIN_BYTES: '0' }],
  ] as const)('leaves nothing half-written visible, and another worker finishes the job (%s)', async (mode, env) => {
    const id = await rig.queueFile(mode);
    const first = rig.start(['--concurrency', '1'], env);
    await rig.until(async () => (await rig.state(id)).state === 'parsing', 60_000);
    // Mid-ingest: parsing has begun; the Parquet file may or may not be written yet, the commit has not happened.
    await new Promise((r) => setTimeout(r, 300));
    expect((await rig.state(id)).state).toBe('parsing');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    expect(await rig.state(id)).toEqual({ state: 'parsing', series_key: null, row_count: null });
    const cycles = await rig.handle.db.selectFrom('cycle_summaries').select('cycle').where('data_file_id', '=', id).execute();
    expect(cycles).toEqual([]);
    expect((await rig.job(id)).state).toBe('running');

    // What a worker killed while writing its Parquet leaves behind (named by its process id), if this one did not already.
    writeFileSync(join(rig.scratch, `${first.pid}-killed.parquet`), 'PAR1');
    rig.start(['--concurrency', '1'], env);
    await rig.until(async () => (await rig.state(id)).state === 'ready', 120_000);
    const done = await rig.state(id);
    expect(done.row_count).toBe(300_000);
    expect(await rig.store.size(String(done.series_key))).toBeGreaterThan(0);
    expect(await rig.job(id)).toEqual({ state: 'done', attempts: 2 });
    const n = await rig.handle.db.selectFrom('cycle_summaries').select((eb) => eb.fn.countAll<number>().as('n')).where('data_file_id', '=', id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThan(30);
    const meta = await rig.handle.db.selectFrom('data_files').select('metadata').where('id', '=', id).executeTakeFirstOrThrow();
    expect((meta.metadata as { readInBatches?: boolean }).readInBatches ?? false).toBe(mode === 'read in batches');
    // The killed worker's spool and temporary Parquet (if it had started them) were removed by the next one; nothing else is left.
    expect(readdirSync(rig.scratch)).toEqual([]);
  }, 240_000);
});
