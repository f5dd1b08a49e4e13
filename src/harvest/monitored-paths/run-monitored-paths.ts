import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HarvestApi, type HarvestApiOptions } from '../harvest-api.js';
import { runHarvester, type HarvesterOptions, type ScanSummary } from '../harvester.js';
import { sharedHeartbeat, startHeartbeat, type Heartbeat } from '../heartbeat.js';
import { fetchWatchedPaths, type WatchedPath } from './monitored-paths-api.js';
import { placementTargets } from './placement-targets.js';

export interface MonitoredHarvestOptions extends Omit<HarvestApiOptions, 'signal'> {
  /** This harvester's name: it watches the enabled monitored paths whose harvester_name it is. */
  harvesterName: string;
  /** Where the state files go (one per path); default: `.liionsden-harvest-path-<id>.json` in each folder. */
  stateDir?: string;
  /** Seconds between full scans of each folder, and between fetches of the monitored paths. */
  intervalS?: number;
  onPaths?: (paths: WatchedPath[]) => void;
  onScan?: (path: WatchedPath, summary: ScanSummary) => void;
  onFileError?: (path: WatchedPath, name: string, err: unknown) => void;
  /** A folder that cannot be scanned (missing, unreadable): tried again at the next fetch of the paths. */
  onPathError?: (path: WatchedPath, err: unknown) => void;
  heartbeatIntervalS?: number;
  onHeartbeatError?: (err: unknown) => void;
}

/** One heartbeat for the whole harvester, whatever number of paths it watches. */
function harvesterHeartbeat(opts: MonitoredHarvestOptions, api: HarvestApi): { heartbeat: Heartbeat; ofPath: ReturnType<typeof sharedHeartbeat> } {
  const heartbeat = startHeartbeat(api, { name: opts.harvesterName, pathsCount: 0, intervalS: opts.heartbeatIntervalS, onError: opts.onHeartbeatError });
  return { heartbeat, ofPath: sharedHeartbeat(heartbeat) };
}

function pathOptions(opts: MonitoredHarvestOptions, path: WatchedPath, api: HarvestApi, beats: ReturnType<typeof harvesterHeartbeat>): HarvesterOptions {
  const folder = resolve(path.folder);
  const statePath = opts.stateDir ? join(resolve(opts.stateDir), `path-${path.id}.json`) : join(folder, `.liionsden-harvest-path-${path.id}.json`);
  return {
    ...opts,
    folder,
    glob: path.glob,
    statePath,
    targetsOf: placementTargets(api, { id: path.id, folder }, statePath),
    heartbeat: beats.ofPath(path.id),
    onScan: (s) => opts.onScan?.(path, s),
    onFileError: (name, err) => opts.onFileError?.(path, name, err),
  };
}

const emptySummary = (): ScanSummary => ({ files: 0, unchanged: 0, waiting: 0, uploaded: 0, appended: 0, replaced: 0, adopted: 0, failed: 0, unassigned: 0, ms: 0 });

/** `--once`: one scan of every enabled path of this harvester; the summaries added up (a folder that cannot be read counts as failed). */
export async function harvestMonitoredPathsOnce(opts: MonitoredHarvestOptions, signal?: AbortSignal): Promise<ScanSummary> {
  const api = new HarvestApi({ ...opts, signal });
  const paths = await fetchWatchedPaths(api, opts.harvesterName);
  opts.onPaths?.(paths);
  const beats = harvesterHeartbeat(opts, api);
  beats.heartbeat.setPathsCount(paths.length);
  const total = emptySummary();
  for (const path of paths) {
    try {
      const s = await runHarvester(pathOptions(opts, path, api, beats), { signal, once: true });
      for (const key of Object.keys(total) as (keyof ScanSummary)[]) total[key] += s[key];
    } catch (err) {
      if (signal?.aborted) throw err;
      opts.onPathError?.(path, err);
      total.failed++;
    }
  }
  await beats.heartbeat.stop();
  return total;
}

interface Runner {
  key: string;
  stop: AbortController;
  done: Promise<void>;
}

/**
 * Runs until `signal` aborts: every `intervalS` the monitored paths are fetched again; each enabled
 * path is watched by its own harvester loop (restarted when its folder or glob changed, stopped when
 * it is paused or gone). Rules live on the server, so a change to them applies to the next new file.
 */
export async function runMonitoredPaths(opts: MonitoredHarvestOptions, signal: AbortSignal): Promise<void> {
  const api = new HarvestApi({ ...opts, signal });
  const runners = new Map<number, Runner>();
  const beats = harvesterHeartbeat(opts, api);
  const stopRunner = (id: number) => {
    runners.get(id)?.stop.abort();
    runners.delete(id);
  };
  try {
    while (!signal.aborted) {
      const paths = await fetchWatchedPaths(api, opts.harvesterName).catch((err: unknown) => {
        if (signal.aborted) return null;
        throw err;
      });
      if (!paths) break;
      opts.onPaths?.(paths);
      beats.heartbeat.setPathsCount(paths.length);
      if (paths.length === 0) beats.heartbeat.afterScan({ files: 0, failed: 0 }); // seen running, with nothing to watch
      for (const id of runners.keys()) if (!paths.some((p) => p.id === id)) stopRunner(id);
      for (const path of paths) {
        const key = `${path.folder}\0${path.glob}`;
        if (runners.get(path.id)?.key === key) continue;
        stopRunner(path.id);
        const stop = new AbortController();
        const runner: Runner = { key, stop, done: Promise.resolve() };
        runner.done = runHarvester(pathOptions(opts, path, api, beats), { signal: AbortSignal.any([signal, stop.signal]) })
          .then(() => undefined)
          .catch((err: unknown) => {
            if (stop.signal.aborted || signal.aborted) return;
            opts.onPathError?.(path, err);
            if (runners.get(path.id) === runner) runners.delete(path.id); // started again at the next fetch
          });
        runners.set(path.id, runner);
      }
      await sleep((opts.intervalS ?? 30) * 1000, undefined, { signal }).catch(() => undefined);
    }
  } finally {
    const running = [...runners.values()];
    for (const r of running) r.stop.abort();
    await Promise.all(running.map((r) => r.done));
    await beats.heartbeat.stop();
  }
}
