import { hostname } from 'node:os';
import { VERSION } from '../version.js';
import type { HarvestApi, HeartbeatBody } from './harvest-api.js';
import type { HarvesterOptions } from './harvester.js';

/** The longest a running harvester stays silent: the server shows it offline after 3 missed beats. */
export const MAX_HEARTBEAT_INTERVAL_S = 60;


export interface HeartbeatOptions {
  name: string;
  /** Folders (or monitored paths) the harvester watches. */
  pathsCount: number;
  /** Seconds between beats while idle (default and at most 60). */
  intervalS?: number;
  onError?: (err: unknown) => void;
}

export type ScanFigures = { files: number; failed: number } & Record<string, number>;

export interface Heartbeat {
  /** Beats now with the scan's figures (and restarts the idle timer). */
  afterScan(scan: ScanFigures, lastError?: string | null): void;
  /** The number of folders watched changed (monitored paths fetched again). */
  setPathsCount(count: number): void;
  /** Stops the idle beats and waits for a beat in flight. */
  stop(): Promise<void>;
}

/**
 * Reports the harvester to the server after every scan and every `intervalS` while idle. A beat that
 * fails is reported to `onError` and not retried: the harvest itself never waits on a heartbeat.
 */
export function startHeartbeat(api: HarvestApi, opts: HeartbeatOptions): Heartbeat {
  const intervalS = Math.min(opts.intervalS ?? MAX_HEARTBEAT_INTERVAL_S, MAX_HEARTBEAT_INTERVAL_S);
  let body: HeartbeatBody = { name: opts.name, host: hostname(), version: VERSION, startedAt: new Date().toISOString(), intervalS, pathsCount: opts.pathsCount, files: 0, lastScan: null, lastError: null };
  let inFlight: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const beat = () => {
    inFlight = inFlight.then(() => api.heartbeat(body).catch((err: unknown) => opts.onError?.(err)));
    if (timer) clearTimeout(timer);
    timer = setTimeout(beat, intervalS * 1000);
    timer.unref();
  };
  return {
    afterScan(scan, lastError = null) {
      body = { ...body, files: scan.files, lastScan: { ...scan }, lastError };
      beat();
    },
    setPathsCount(count) {
      body = { ...body, pathsCount: count };
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
}

/**
 * The harvester's options with a heartbeat wired in: one beat after every scan (with the scan's last
 * file error), and idle beats between. Without a `harvesterName` no heartbeat is sent.
 */
export function withHeartbeat(api: HarvestApi, opts: HarvesterOptions): { opts: HarvesterOptions; stop(): Promise<void> } {
  if (!opts.harvesterName && !opts.heartbeat) return { opts, stop: async () => undefined };
  const own = opts.heartbeat ? undefined : startHeartbeat(api, { name: opts.harvesterName!, pathsCount: 1, intervalS: opts.heartbeatIntervalS, onError: opts.onHeartbeatError });
  const heartbeat = opts.heartbeat ?? own!;
  let lastError: string | null = null;
  return {
    opts: {
      ...opts,
      onFileError: (name, err) => {
        lastError = `${name}: ${err instanceof Error ? err.message : String(err)}`;
        opts.onFileError?.(name, err);
      },
      onScan: (summary) => {
        heartbeat.afterScan(summary, lastError);
        lastError = null;
        opts.onScan?.(summary);
      },
    },
    stop: async () => own?.stop(),
  };
}

/**
 * One heartbeat for several folders (the monitored paths of one harvester): each folder's last scan
 * kept, and their sum reported, so the server sees the whole harvester, not the last folder scanned.
 */
export function sharedHeartbeat(heartbeat: Heartbeat): (key: number) => Pick<Heartbeat, 'afterScan'> {
  const scans = new Map<number, ScanFigures>();
  return (key) => ({
    afterScan(scan, lastError) {
      scans.set(key, scan);
      const total: Record<string, number> = {};
      for (const s of scans.values()) for (const [k, v] of Object.entries(s)) total[k] = (total[k] ?? 0) + v;
      heartbeat.afterScan(total as ScanFigures, lastError);
    },
  });
}
