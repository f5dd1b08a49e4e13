import type { CounterMode, ParseWarning } from '../cycler-parser.js';
import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { MaccorStateCode } from './maccor-columns.js';
import type { MaccorColumn } from './maccor-columns.js';
import { sampleNumber } from './maccor-samples.js';

/**
 * How a Maccor Amp-hr / Watt-hr counter behaves, read from the data instead of assumed. Most
 * procedures restart it at every step ('per-step'), but some keep it counting from one step into
 * the next of the same charge or discharge (CC into CV): read per step, that charge is counted twice
 * (CE ≈ 0.5). Votes at every step change where the state letter stays C or D: the new step's first
 * value near 0 (under half the last) is a restart, at least 90 % of the last a continuation. More
 * continuations than restarts: 'per-half-cycle' (one counter per charge or discharge, restarting
 * where the direction changes; normalisation also takes any fall to under half as a restart). No
 * such step change in the rows given (the file's first MiB and last 16 KiB, so that whole files and
 * batches decide alike): 'per-step', Maccor's documented behaviour.
 */
export function maccorCounterMode(
  plan: MaccorColumn[], segments: string[][][], decimalComma: boolean, role: 'capacity' | 'energy', warnings: ParseWarning[],
): CounterMode {
  const at = (pick: (c: MaccorColumn) => boolean) => plan.find(pick)?.index ?? -1;
  const step = at((c) => c.canonical === CanonicalColumn.StepIndex);
  const state = at((c) => c.role === 'state');
  const counter = at((c) => c.role === role);
  if (step < 0 || state < 0 || counter < 0) return 'per-step';
  let continued = 0;
  let restarted = 0;
  for (const rows of segments) {
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      const s = MaccorStateCode[(b[state] ?? '').trim().toUpperCase()];
      if ((s !== 1 && s !== -1) || MaccorStateCode[(a[state] ?? '').trim().toUpperCase()] !== s) continue;
      const [stepA, stepB] = [sampleNumber(a[step], decimalComma), sampleNumber(b[step], decimalComma)];
      if (!(stepA === stepA && stepB === stepB && stepA !== stepB)) continue;
      const last = Math.abs(sampleNumber(a[counter], decimalComma));
      const next = Math.abs(sampleNumber(b[counter], decimalComma));
      if (!(last > 0 && next === next)) continue;
      if (next >= 0.9 * last) continued++;
      else if (next < 0.5 * last) restarted++;
    }
  }
  if (continued <= restarted) return 'per-step';
  const name = plan.find((c) => c.index === counter)?.originalName;
  warnings.push({
    code: 'counter-continues',
    message: `'${name}' keeps counting from one step into the next of the same charge or discharge (${continued} of ${continued + restarted} such step changes in the rows sampled): read as one counter per charge or discharge, not per step`,
  });
  return 'per-half-cycle';
}
