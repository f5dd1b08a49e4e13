import type { BlobStore } from './blob-store.js';

/**
 * Age (ms since the last write) past which a `tmp/` object is an orphan: a crashed server's upload, a killed
 * `liionsden ingest`. A live upload writes at least every UPLOAD_IDLE_TIMEOUT_S (≤ 30 min) or is aborted,
 * and a completed temp object is published within seconds, so no upload in progress is ever this old.
 */
export const TEMP_GRACE_MS = 60 * 60 * 1000;
/** How often the server process sweeps (ms). */
export const TEMP_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/** Removes the temp objects last written more than `graceMs` before `now`; returns their keys. */
export async function sweepTempObjects(store: BlobStore, opts: { graceMs?: number; now?: Date } = {}): Promise<string[]> {
  const cutoffMs = (opts.now ?? new Date()).getTime() - (opts.graceMs ?? TEMP_GRACE_MS);
  const stale = (await store.listEntries('tmp/')).filter((e) => e.modifiedAt.getTime() < cutoffMs).map((e) => e.key);
  for (const key of stale) await store.delete(key);
  return stale;
}

export interface TempSweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/** Sweeps at once and then every `intervalMs`; what each sweep removed or failed with goes to the callbacks. */
export function startTempSweeper(
  store: BlobStore,
  opts: { graceMs?: number; intervalMs?: number; onSwept?: (keys: string[]) => void; onError: (err: unknown) => void },
): TempSweeper {
  const sweepOnce = async () => {
    try {
      const keys = await sweepTempObjects(store, { graceMs: opts.graceMs });
      if (keys.length > 0) opts.onSwept?.(keys);
    } catch (err) {
      opts.onError(err);
    }
  };
  // Chained: a slow sweep (a big bucket) is never overlapped by the next one.
  let running = sweepOnce();
  const sweep = () => {
    running = running.then(sweepOnce);
  };
  // unref: the sweep alone never keeps a process alive.
  const timer = setInterval(sweep, opts.intervalMs ?? TEMP_SWEEP_INTERVAL_MS).unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
