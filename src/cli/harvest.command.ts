import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { apiTokenFromEnv } from '../config.js';
import { ValidationError } from '../domain/errors.js';
import { runHarvester } from '../harvest/harvester.js';
import { describeScan as describe } from './harvest-summary.js';
import { harvestMonitoredPaths } from './harvest-monitored.js';

const positiveInt = (name: string, v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new ValidationError(`${name} must be a positive integer, not '${v}'`);
  return n;
};


interface HarvestCommandOptions {
  server: string;
  experiment?: string;
  name?: string;
  stateDir?: string;
  glob: string;
  state: string;
  interval: string;
  token?: string;
  once?: boolean;
}

export function registerHarvestCommand(program: Command): void {
  program
    .command('harvest')
    .description(
      'Watch cycler folders and keep their files in experiments: new files uploaded, growing files appended (only new complete lines), rewritten files replaced; survives restarts and server outages. ' +
        'Either FOLDER --experiment ID, or --name NAME: the monitored paths of harvester NAME on the server, with their rules',
    )
    .argument('[folder]', 'the folder the cycler writes into (with --experiment)')
    .requiredOption('--server <url>', 'the Liionsden server, e.g. https://liionsden.lab.example')
    .option('--experiment <id>', 'experiment the files of FOLDER go into')
    .option('--name <name>', "this harvester's name on the Cyclers page (default: the host name); without FOLDER: watch the enabled monitored paths whose harvester is NAME")
    .option('--state-dir <dir>', 'with --name: where the state files go (default: a dotfile in each folder)')
    .option('--glob <pattern>', 'which files, by their path under the folder', '**/*')
    .option('--state <file>', 'where the harvester remembers what the server holds', '<folder>/.liionsden-harvest.json')
    .option('--interval <seconds>', 'seconds between full scans (changes seen by the file-system watcher come sooner)', '30')
    .option('--token <token>', 'API token (better: LIIONSDEN_TOKEN in the environment)')
    .option('--once', 'scan once and exit (cron)')
    .action(async (folder: string | undefined, opts: HarvestCommandOptions) => {
      const token = opts.token ?? apiTokenFromEnv();
      if (!token) throw new ValidationError('No API token: set LIIONSDEN_TOKEN or pass --token (create one on the "My account" page)');
      if (folder === undefined && opts.name !== undefined) {
        if (opts.experiment !== undefined) throw new ValidationError('--name without FOLDER takes its folders and experiments from the server: give no --experiment with it');
        await harvestMonitoredPaths({ ...opts, name: opts.name, token, intervalS: positiveInt('--interval', opts.interval) });
        return;
      }
      if (folder === undefined || opts.experiment === undefined) throw new ValidationError('Give FOLDER and --experiment ID, or --name NAME (the monitored paths of this harvester on the server)');
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
