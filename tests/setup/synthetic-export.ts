import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The generator's `--truth` file: the true per-cycle figures of the synthetic export. */
export interface SyntheticTruth {
  completeCycles: { cycle: number; chargeCapacityAh: number; dischargeCapacityAh: number; chargeEnergyWh: number; dischargeEnergyWh: number }[];
}

/**
 * Writes a synthetic cycler export with the shared generator (`../shared/tools/synth-cycler.mjs`)
 * into a temporary folder, reads it and its truth file, and removes the folder again.
 */
export function syntheticExport(format: string, fileName: string, rows: number, extraArgs: string[] = []): { fileName: string; bytes: Uint8Array; truth: SyntheticTruth } {
  const dir = mkdtempSync(join(tmpdir(), 'liionsden-synth-'));
  try {
    const file = join(dir, fileName);
    execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', format, ...extraArgs, '--rows', String(rows), '--out', file, '--truth', `${file}.json`], { stdio: 'ignore' });
    return { fileName, bytes: new Uint8Array(readFileSync(file)), truth: JSON.parse(readFileSync(`${file}.json`, 'utf8')) as SyntheticTruth };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
