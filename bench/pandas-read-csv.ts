/**
 * The issues' baseline: `pandas.read_csv(PATH)` with Debian's python3-pandas. Debian's interpreter is called by
 * absolute path because `python3` on PATH may be a pyenv build that does not see Debian's packages.
 * `seconds`/`cpuSeconds` are timed inside Python around read_csv alone (no interpreter or pandas import start-up);
 * `processSeconds` is the wall time of the whole Python process as seen from Node.
 */
import { spawnSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';

const SCRIPT = `
import sys, time, resource
import pandas
t = time.perf_counter(); c = time.process_time()
df = pandas.read_csv(sys.argv[1])
print(time.perf_counter() - t, len(df), time.process_time() - c, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, pandas.__version__)
`;

export type PandasResult =
  | { available: true; version: string; seconds: number; cpuSeconds: number; processSeconds: number; rows: number; peakRssMB: number }
  | { available: false; reason: string };

export function measurePandasReadCsv(file: string): PandasResult {
  const probe = spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : probe.stderr.trim().split('\n').pop();
    return { available: false, reason: `pandas not available to ${PYTHON} (${why}); install Debian's python3-pandas` };
  }
  const t0 = performance.now();
  const out = spawnSync(PYTHON, ['-c', SCRIPT, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const processSeconds = (performance.now() - t0) / 1000;
  if (out.status !== 0) throw new Error(`pandas.read_csv failed: ${out.stderr}`);
  const [seconds, rows, cpuSeconds, maxRssKB] = out.stdout.trim().split(' ').map(Number);
  const version = out.stdout.trim().split(' ')[4];
  return { available: true, version, seconds, cpuSeconds, processSeconds, rows, peakRssMB: Math.round(maxRssKB / 1024) };
}
