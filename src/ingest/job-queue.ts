import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { JobsTable } from './ingest.table.js';

/** A claimed job as the worker sees it. */
export interface ClaimedJob {
  id: number;
  dataFileId: number;
  payload: IngestPayload;
  attempts: number;
  maxAttempts: number;
  workerId: string;
}

/** What the uploader asked for beyond the bytes: a forced format, a timezone. */
export interface IngestPayload {
  format?: string;
  reprocess?: boolean;
  /** The raw file grew: it was these bytes before (ADR 0010). The job parses only the new rows when it can. */
  appendedTo?: { sha256: string; size: number };
}

type DbOrTx = Db | Transaction<Database>;

/** Queues an ingest job for a data file (call inside the transaction that creates or resets the data file). */
export async function enqueueIngestJob(db: DbOrTx, dataFileId: number, payload: IngestPayload = {}): Promise<number> {
  const row = await db
    .insertInto('jobs')
    .values({ kind: 'ingest', data_file_id: dataFileId, payload: JSON.stringify(payload) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims the oldest runnable job: queued and due, or running with an expired lease (its worker died).
 * FOR UPDATE SKIP LOCKED lets many workers (processes, machines) claim concurrently without blocking.
 */
export async function claimJob(db: Db, workerId: string, leaseMs: number): Promise<ClaimedJob | null> {
  const { rows } = await sql<Pick<JobsTable, 'data_file_id' | 'payload' | 'locked_by'> & { id: number; attempts: number; max_attempts: number }>`
    update jobs set state = 'running', attempts = attempts + 1, locked_by = ${workerId},
      locked_until = now() + make_interval(secs => ${leaseMs / 1000})
    where id = (
      select id from jobs
      where (state = 'queued' and run_at <= now()) or (state = 'running' and locked_until < now())
      order by run_at, id
      for update skip locked
      limit 1)
    returning id, data_file_id, payload, attempts, max_attempts, locked_by`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return { id: row.id, dataFileId: row.data_file_id, payload: row.payload as IngestPayload, attempts: row.attempts, maxAttempts: row.max_attempts, workerId };
}

/** Extends the lease; false when the job is no longer ours (the lease ran out and another worker took it). */
export async function heartbeat(db: Db, job: ClaimedJob, leaseMs: number): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set({ locked_until: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where('id', '=', job.id)
    .where('locked_by', '=', job.workerId)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return ours(res);
}

/** Marks the job done inside the caller's transaction; false (caller must roll back) when it is no longer ours. */
export async function completeJob(tx: DbOrTx, job: ClaimedJob): Promise<boolean> {
  const res = await tx
    .updateTable('jobs')
    .set({ state: 'done', finished_at: sql`now()`, locked_until: null, last_error: null })
    .where('id', '=', job.id)
    .where('locked_by', '=', job.workerId)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return ours(res);
}

/**
 * Records a failure: retried later (with back-off) while attempts remain and `retry` is true, else failed for good.
 * `'outage'` (the blob store is unreachable) always retries and gives the attempt back: 2, 4, 8 … up to 300 s apart.
 */
export async function failJob(tx: DbOrTx, job: ClaimedJob, error: Record<string, unknown>, retry: boolean | 'outage'): Promise<'queued' | 'failed' | 'lost'> {
  if (retry === 'outage') {
    const res = await tx
      .updateTable('jobs')
      .set((eb) => ({
        state: 'queued',
        attempts: eb('attempts', '-', 1),
        outages: eb('outages', '+', 1),
        run_at: sql`now() + make_interval(secs => least(power(2, outages + 1), 300))`,
        locked_by: null,
        locked_until: null,
        last_error: JSON.stringify(error),
      }))
      .where('id', '=', job.id)
      .where('locked_by', '=', job.workerId)
      .executeTakeFirst();
    return ours(res) ? 'queued' : 'lost';
  }
  const again = retry && job.attempts < job.maxAttempts;
  const backoffS = 2 ** job.attempts;
  const res = await tx
    .updateTable('jobs')
    .set({
      state: again ? 'queued' : 'failed',
      run_at: sql`now() + make_interval(secs => ${again ? backoffS : 0})`,
      locked_by: null,
      locked_until: null,
      last_error: JSON.stringify(error),
      finished_at: again ? null : sql`now()`,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', job.workerId)
    .executeTakeFirst();
  if (!ours(res)) return 'lost';
  return again ? 'queued' : 'failed';
}

/**
 * Hands a job back to the queue at once (a draining worker's grace ran out): runnable now, its attempt
 * not counted, its data file `queued` again. False when it was no longer ours.
 */
export async function releaseJob(db: Db, job: ClaimedJob): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable('jobs')
      .set((eb) => ({ state: 'queued', attempts: eb('attempts', '-', 1), run_at: sql`now()`, locked_by: null, locked_until: null }))
      .where('id', '=', job.id)
      .where('locked_by', '=', job.workerId)
      .where('state', '=', 'running')
      .executeTakeFirst();
    if (!ours(res)) return false;
    await tx.updateTable('data_files').set({ state: 'queued' }).where('id', '=', job.dataFileId).where('state', '=', 'parsing').execute();
    return true;
  });
}

const ours = (res: { numUpdatedRows: bigint } | undefined) => Number(res?.numUpdatedRows ?? 0) === 1;
