import { harvestMonitoredPathsOnce, runMonitoredPaths, type MonitoredHarvestOptions } from '../harvest/monitored-paths/run-monitored-paths.js';
import { describeScan as describe } from './harvest-summary.js';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** `liionsden harvest --name NAME`: the monitored paths of this harvester, fetched from the server, each watched; progress on the terminal. */
export async function harvestMonitoredPaths(opts: { server: string; token: string; name: string; stateDir?: string; intervalS: number; once?: boolean }): Promise<void> {
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  const options: MonitoredHarvestOptions = {
    server: opts.server,
    token: opts.token,
    harvesterName: opts.name,
    stateDir: opts.stateDir,
    intervalS: opts.intervalS,
    onPaths: (paths) => console.log(`${opts.name} watches ${paths.length} monitored path${paths.length === 1 ? '' : 's'}${paths.length ? ': ' + paths.map((p) => `${p.name} (${p.folder})`).join(', ') : ''}`),
    onScan: (path, s) => console.log(`[${path.name}] ${describe(s)}`),
    onFileError: (path, name, err) => console.error(`[${path.name}] ${name}: ${message(err)}`),
    onPathError: (path, err) => console.error(`[${path.name}] cannot scan ${path.folder}: ${message(err)}`),
    onHeartbeatError: (err) => console.error(`heartbeat: ${message(err)}`),
    onRetry: (what, err, waitMs) => console.error(`${what}: ${message(err)}; trying again in ${Math.round(waitMs / 1000)} s`),
  };
  try {
    if (opts.once) {
      const total = await harvestMonitoredPathsOnce(options, stop.signal);
      if (total.failed > 0) process.exitCode = 1;
    } else {
      await runMonitoredPaths(options, stop.signal);
    }
  } catch (err) {
    if (!stop.signal.aborted) throw err;
  }
}
