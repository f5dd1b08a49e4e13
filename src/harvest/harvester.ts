import { watch, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import picomatch from 'picomatch';
import { HarvestApi, HarvestRequestError, type HarvestApiOptions } from './harvest-api.js';
import type { FileTarget } from './file-target.js';
import { harvestFile, type FileAction } from './harvest-file.js';
import { loadHarvestState, saveHarvestState, type HarvestState } from './harvest-state.js';
import { withHeartbeat, type Heartbeat } from './heartbeat.js';

export interface HarvesterOptions extends Omit<HarvestApiOptions, 'signal'> {
  /** The folder a cycler writes into, and which of its files to take (glob over the path under it; default every file). */
  folder: string;
  glob?: string;
  /** Every file goes to this experiment, unless `targetsOf` places them one by one. */
  experimentId?: number;
  /** Where each file goes (monitored paths: the server's rules); a file it leaves out waits, unassigned. */
  targetsOf?: (names: string[], state: HarvestState) => Promise<Map<string, FileTarget>>;
  /** The harvester's own memory of what the server holds (JSON, rewritten atomically). */
  statePath: string;
  /** Seconds between full scans (the truth; a file-system watcher only brings a scan forward). */
  intervalS?: number;
  onScan?: (summary: ScanSummary) => void;
  onFileError?: (name: string, err: unknown) => void;
  /** Heartbeats (heartbeat.ts), sent when `harvesterName` is set: seconds between idle beats (≤ 60), and failed beats. */
  heartbeatIntervalS?: number;
  onHeartbeatError?: (err: unknown) => void;
  /** A heartbeat shared with other folders (monitored paths), reported to instead of one of this loop's own. */
  heartbeat?: Pick<Heartbeat, 'afterScan'>;
}

export type ScanSummary = Record<FileAction | 'failed' | 'unassigned', number> & { files: number; ms: number };

/** Files under `folder` whose path under it matches the glob, as `/`-separated names, sorted. */
export async function listFolder(folder: string, glob = '**/*'): Promise<string[]> {
  const matches = picomatch(glob, { dot: false });
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(folder, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
    .filter((name) => matches(name) && !name.endsWith('.tmp'))
    .sort();
}

/** One pass over the folder: every matching file brought up to date, the state saved after each send. */
export async function scanOnce(opts: HarvesterOptions, api: HarvestApi, state: HarvestState): Promise<ScanSummary> {
  const started = performance.now();
  const summary: ScanSummary = { files: 0, unchanged: 0, waiting: 0, uploaded: 0, appended: 0, replaced: 0, adopted: 0, failed: 0, unassigned: 0, ms: 0 };
  const names = await listFolder(opts.folder, opts.glob);
  const targets = opts.targetsOf ? await opts.targetsOf(names, state) : null;
  for (const name of names) {
    summary.files++;
    const target = targets ? targets.get(name) : { experimentId: opts.experimentId! };
    if (!target) {
      summary.unassigned++;
      continue;
    }
    const save = async (entry: HarvestState['files'][string]) => {
      state.files[name] = entry;
      await saveHarvestState(opts.statePath, state);
    };
    try {
      const { entry, action } = await harvestFile({ api, ...target, path: join(opts.folder, name), name, save }, state.files[name]);
      summary[action]++;
      if (entry !== state.files[name]) await save(entry);
    } catch (err) {
      if (!(err instanceof HarvestRequestError)) throw err; // the server unreachable for good, the folder gone: stop
      // The server refused this file (permissions, too large): noted, tried again next scan; the others go on.
      summary.failed++;
      await save({ ...(state.files[name] ?? { dataFileId: null, stored: 0, tailSha256: '', size: -1, mtimeMs: 0 }), lastError: err.message, size: -1 });
      opts.onFileError?.(name, err);
    }
  }
  summary.ms = Math.round(performance.now() - started);
  opts.onScan?.(summary);
  return summary;
}

/**
 * Runs until `signal` aborts: a full scan every `intervalS`, brought forward (after a short quiet
 * spell) when the file-system watcher reports a change. `once`: one scan, then return.
 */
export async function runHarvester(opts: HarvesterOptions, control: { signal?: AbortSignal; once?: boolean } = {}): Promise<ScanSummary> {
  const api = new HarvestApi({ ...opts, signal: control.signal });
  const beating = withHeartbeat(api, opts);
  try {
    return await harvestUntilStopped(beating.opts, api, control);
  } finally {
    await beating.stop();
  }
}

async function harvestUntilStopped(opts: HarvesterOptions, api: HarvestApi, control: { signal?: AbortSignal; once?: boolean }): Promise<ScanSummary> {
  const state = await loadHarvestState(opts.statePath);
  let summary = await scanOnce(opts, api, state);
  if (control.once) return summary;
  let changed = false;
  let wake: (() => void) | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(opts.folder, { recursive: true }, (_event, file) => {
      if (file && /(^|\/)\./.test(String(file))) return; // the state file and other dotfiles are not harvested
      changed = true;
      wake?.();
    });
  } catch {
    watcher = undefined; // no watcher on this file system: the periodic scan alone
  }
  try {
    while (!control.signal?.aborted) {
      if (!changed) {
        const interval = sleep((opts.intervalS ?? 30) * 1000, undefined, { signal: control.signal }).catch(() => undefined);
        const nudged = new Promise<void>((resolve) => (wake = resolve)).then(() => sleep(1000));
        await Promise.race([interval, nudged]);
        wake = undefined;
      }
      if (control.signal?.aborted) break;
      changed = false;
      summary = await scanOnce(opts, api, state);
    }
  } finally {
    watcher?.close();
  }
  return summary;
}
