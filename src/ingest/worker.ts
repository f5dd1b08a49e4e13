import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { claimJob, heartbeat } from './job-queue.js';
import { onJobQueued } from './job-signal.js';
import { LeaseLostError, runIngestJob, type IngestDeps } from './ingest-pipeline.js';

export interface WorkerOptions {
  /** Concurrent job loops in this process. */
  count: number;
  /** How long a claim holds without a heartbeat; a dead worker's job is taken over after this. */
  leaseMs?: number;
  /** Idle poll interval (an in-process enqueue wakes the loops at once through `wake`). */
  pollMs?: number;
  /** Called after each job with its outcome (CLI progress, logs). */
  onJobDone?: (event: { jobId: number; dataFileId: number; outcome: 'ready' | 'failed' | 'queued' | 'lost' }) => void;
  /** Called when a loop hits an unexpected error (e.g. the database is down); the loop carries on after a pause. */
  onError?: (err: unknown) => void;
}

export interface RunningWorkers {
  /** Ask idle loops to look for work now (after an in-process enqueue). */
  wake(): void;
  /** Stops claiming; resolves when the jobs in hand are finished. */
  stop(): Promise<void>;
}

/** Starts `count` job loops against the database and blob store in `deps`. */
export function startWorkers(deps: IngestDeps, opts: WorkerOptions): RunningWorkers {
  const leaseMs = opts.leaseMs ?? 60_000;
  const pollMs = opts.pollMs ?? 1_000;
  let stopping = false;
  const sleepers = new Set<() => void>();
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
      if (!job) {
        await sleep(pollMs);
        continue;
      }
      const claimed = job;
      const beat = setInterval(() => {
        heartbeat(deps.db, claimed, leaseMs).catch((err: unknown) => opts.onError?.(err));
      }, Math.max(100, leaseMs / 3));
      try {
        const outcome = await runIngestJob(deps, claimed);
        opts.onJobDone?.({ jobId: claimed.id, dataFileId: claimed.dataFileId, outcome });
      } catch (err) {
        if (err instanceof LeaseLostError) opts.onJobDone?.({ jobId: claimed.id, dataFileId: claimed.dataFileId, outcome: 'lost' });
        else opts.onError?.(err);
      } finally {
        clearInterval(beat);
      }
    }
  };

  const unsubscribe = onJobQueued(() => {
    for (const s of [...sleepers]) s();
  });
  const base = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const loops = Array.from({ length: opts.count }, (_, i) => loop(`${base}#${i}`));
  return {
    wake: () => {
      for (const s of [...sleepers]) s();
    },
    stop: async () => {
      stopping = true;
      unsubscribe();
      for (const s of [...sleepers]) s();
      await Promise.all(loops);
    },
  };
}
