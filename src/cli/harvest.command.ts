import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { apiTokenFromEnv } from '../config.js';
import { ValidationError } from '../domain/errors.js';
import { runHarvester, type ScanSummary } from '../harvest/harvester.js';

const positiveInt = (name: string, v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new ValidationError(`${name} must be a positive integer, not '${v}'`);
  return n;
};

function describe(s: ScanSummary): string {
  const parts = (['uploaded', 'appended', 'replaced', 'adopted', 'waiting', 'failed'] as const).filter((k) => s[k] > 0).map((k) => `${s[k]} ${k}`);
  return `${new Date().toISOString()} scanned ${s.files} files in ${s.ms} ms: ${parts.length ? parts.join(', ') : 'nothing new'}`;
}

export function registerHarvestCommand(program: Command): void {
  program
    .command('harvest')
    .description('Watch a cycler folder and keep its files in an experiment: new files uploaded, growing files appended (only new complete lines), rewritten files replaced; survives restarts and server outages')
    .argument('<folder>', 'the folder the cycler writes into')
    .requiredOption('--server <url>', 'the Liionsden server, e.g. https://liionsden.lab.example')
    .requiredOption('--experiment <id>', 'experiment the files go into')
    .option('--glob <pattern>', 'which files, by their path under the folder', '**/*')
    .option('--state <file>', 'where the harvester remembers what the server holds', '<folder>/.liionsden-harvest.json')
    .option('--interval <seconds>', 'seconds between full scans (changes seen by the file-system watcher come sooner)', '30')
    .option('--token <token>', 'API token (better: LIIONSDEN_TOKEN in the environment)')
    .option('--once', 'scan once and exit (cron)')
    .option('--name <name>', 'this harvester’s name on the "Cyclers" page (heartbeats; default: the host name)')
    .action(async (folder: string, opts: { server: string; experiment: string; glob: string; state: string; interval: string; token?: string; once?: boolean; name?: string }) => {
      const token = opts.token ?? apiTokenFromEnv();
      if (!token) throw new ValidationError('No API token: set LIIONSDEN_TOKEN or pass --token (create one on the "My account" page)');
      const root = resolve(folder);
      const statePath = opts.state === '<folder>/.liionsden-harvest.json' ? resolve(root, '.liionsden-harvest.json') : resolve(opts.state);
      const stop = new AbortController();
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
      const summary = await runHarvester(
        {
          server: opts.server,
          token,
          folder: root,
          glob: opts.glob,
          experimentId: positiveInt('--experiment', opts.experiment),
          statePath,
          intervalS: positiveInt('--interval', opts.interval),
          onScan: (s) => console.log(describe(s)),
          onFileError: (name, err) => console.error(`${name}: ${err instanceof Error ? err.message : String(err)}`),
          harvesterName: opts.name?.trim() || hostname(),
          onHeartbeatError: (err) => console.error(`heartbeat: ${err instanceof Error ? err.message : String(err)}`),
          onRetry: (what, err, waitMs) => console.error(`${what}: ${err instanceof Error ? err.message : String(err)}; trying again in ${Math.round(waitMs / 1000)} s`),
        },
        { signal: stop.signal, once: opts.once },
      ).catch((err: unknown) => {
        if (stop.signal.aborted) return null;
        throw err;
      });
      if (summary && summary.failed > 0) process.exitCode = 1;
    });
}
