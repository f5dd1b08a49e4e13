import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { ParsedColumn, ParseWarning } from '../cycler-parser.js';

/** Reads a text step label as a direction: +1 charge, -1 discharge, 0 rest, NaN otherwise. */
export function readDirectionLabel(bytes: Uint8Array, start: number, end: number): number {
  let s = '';
  for (let i = start; i < end && i < start + 24; i++) s += String.fromCharCode(bytes[i] | 0x20);
  if (s.startsWith('dis') || s.startsWith('dchg')) return -1;
  if (s.startsWith('charge') || s.startsWith('chg')) return 1;
  if (s.startsWith('rest') || s.startsWith('pause') || s.startsWith('ocv')) return 0;
  return NaN;
}

/**
 * BDF says current is positive on charge, but files differ (batmo_bdf.csv is positive on
 * discharge). When the step labels say 'charge' where the current is mostly negative, flip
 * current and power so the canonical convention holds, and say so.
 */
export function fixCurrentSign(columns: ParsedColumn[], direction: Float64Array | undefined, warnings: ParseWarning[]): void {
  const current = columns.find((c) => c.name === CanonicalColumn.Current);
  if (!current || !direction) return;
  let agree = 0;
  let disagree = 0;
  for (let i = 0; i < direction.length; i++) {
    const d = direction[i];
    const c = current.values[i];
    if (d === 1 || d === -1) {
      if (c * d > 0) agree++;
      else if (c * d < 0) disagree++;
    }
  }
  if (disagree <= agree) return;
  for (const name of [CanonicalColumn.Current, CanonicalColumn.Power]) {
    const col = columns.find((c) => c.name === name);
    if (col) for (let i = 0; i < col.values.length; i++) col.values[i] = -col.values[i];
  }
  warnings.push({ code: 'CURRENT_SIGN_FLIPPED', message: 'current is negative on steps labelled charge; flipped to positive-on-charge' });
}
