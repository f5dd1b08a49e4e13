import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { removeOrphanScratch } from '../storage/temp-file.js';
import { claimJob, heartbeat, releaseJob, type ClaimedJob } from './job-queue.js';
import { onJobQueued } from './job-signal.js';
import { LeaseLostError, runIngestJob, type IngestDeps } from './ingest-pipeline.js';

/** Default lease: a killed worker's job is claimed again ≤ this (+ one poll) after its last heartbeat. */
export const DEFAULT_LEASE_MS = 10_000;

export interface WorkerOptions {
  /** Concurrent job loops in this process. */
  count: number;
  /** How long a claim holds without a heartbeat (sent every lease/5); a dead worker's job is taken over after this. */
  leaseMs?: number;
  /** Idle poll interval (an in-process enqueue wakes the loops at once through `wake`). */
  pollMs?: number;
  /** Called after each job with its outcome (CLI progress, logs). */
  onJobDone?: (event: { jobId: number; dataFileId: number; outcome: 'ready' | 'failed' | 'queued' | 'lost' | 'released' }) => void;
  /** Called when a loop hits an unexpected error (e.g. the database is down); the loop carries on after a pause. */
  onError?: (err: unknown) => void;
}

export interface RunningWorkers {
  /** Ask idle loops to look for work now (after an in-process enqueue). */
  wake(): void;
  /**
   * Stops claiming and waits for the jobs in hand; with `graceMs`, a job still running after that is handed
   * back to the queue at once (its commit will then be refused as a lost lease) and stop resolves.
   */
  stop(opts?: { graceMs?: number }): Promise<void>;
}

/** Starts `count` job loops against the database and blob store in `deps`. */
export function startWorkers(deps: IngestDeps, opts: WorkerOptions): RunningWorkers {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = opts.pollMs ?? 1_000;
  let stopping = false;
  const inHand = new Set<ClaimedJob>();
  const sleepers = new Set<() => void>();
  const wakeAll = () => {
    for (const s of [...sleepers]) s();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });

  const run = async (claimed: ClaimedJob): Promise<void> => {
    inHand.add(claimed);
    // Five beats per lease: a beat delayed by a busy event loop (a long synchronous parse step) still lands in time.
    const beat = setInterval(() => {
      heartbeat(deps.db, claimed, leaseMs).catch((err: unknown) => opts.onError?.(err));
    }, Math.max(100, leaseMs / 5));
    try {
      const outcome = await runIngestJob(deps, claimed);
      opts.onJobDone?.({ jobId: claimed.id, dataFileId: claimed.dataFileId, outcome });
    } catch (err) {
      if (err instanceof LeaseLostError) opts.onJobDone?.({ jobId: claimed.id, dataFileId: claimed.dataFileId, outcome: 'lost' });
      else opts.onError?.(err);
    } finally {
      clearInterval(beat);
      inHand.delete(claimed);
    }
  };

  const loop = async (workerId: string): Promise<void> => {
    while (!stopping) {
      let job;
      try {
        job = await claimJob(deps.db, workerId, leaseMs);
      } catch (err) {
        opts.onError?.(err);
        await sleep(pollMs * 5);
        continue;
      }
      if (job) await run(job);
      else await sleep(pollMs);
    }
  };

  const unsubscribe = onJobQueued(wakeAll);
  const base = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  // Scratch files (spools, temporary Parquet) of processes killed on this machine go before the first claim.
  const loops = removeOrphanScratch().then(() => Promise.all(Array.from({ length: opts.count }, (_, i) => loop(`${base}#${i}`))));

  const handBack = async () => {
    for (const job of [...inHand]) {
      if (await releaseJob(deps.db, job)) opts.onJobDone?.({ jobId: job.id, dataFileId: job.dataFileId, outcome: 'released' });
    }
  };

  return {
    wake: wakeAll,
    stop: async ({ graceMs } = {}) => {
      stopping = true;
      unsubscribe();
      wakeAll();
      if (graceMs === undefined) return void (await loops);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
      const outcome = await Promise.race([loops.then(() => 'drained' as const), late]);
      clearTimeout(timer);
      if (outcome === 'late') await handBack();
    },
  };
}
