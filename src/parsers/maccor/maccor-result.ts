import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { ParsedColumn, ParseResult, ParseWarning } from '../cycler-parser.js';
import { toParsedColumns } from '../common/column-plan.js';
import { formatLocalIso } from '../common/date-time.js';
import { toParsedColumn } from '../common/parsed-column.js';
import type { MaccorColumn } from './maccor-columns.js';
import { datedTimeOfDay } from './maccor-time-of-day.js';
import { secondsPerTimeUnit } from './maccor-units.js';

export const MACCOR_PARSER_VERSION = '1.1.0';

/**
 * Turns raw Maccor columns into the parse result. Maccor writes current unsigned with a State
 * letter (C charge, D discharge) and one Amp-hr / Watt-hr counter that restarts every step: the
 * current is signed by the state, and the counter goes to Charging Capacity on C rows and
 * Discharging Capacity on D rows (NaN elsewhere), declared 'per-step'. Without a State column the
 * current is taken as written (signed) and its sign splits the counters.
 */
export function buildMaccorResult(format: string, plan: MaccorColumn[], values: Float64Array[], rows: number, meta: Record<string, unknown>, warnings: ParseWarning[]): ParseResult {
  const columns = maccorColumns(plan, values, rows, warnings);
  const unix = columns.find((c) => c.name === CanonicalColumn.UnixTime);
  if (unix) {
    meta.zoneUnknown = true;
    const first = unix.values.find((v) => Number.isFinite(v));
    if (first !== undefined) meta.startTime = formatLocalIso(first);
  }
  return { format, parserVersion: MACCOR_PARSER_VERSION, rows, columns, metadata: meta, warnings, counters: { capacity: 'per-step', energy: 'per-step' } };
}

/**
 * The parsed columns of Maccor rows (buildMaccorResult): current signed by the state, counters split
 * by direction. Row by row, so it also works on a batch of rows (TablePlan.toColumns). `hasValues`:
 * per planned column, holds a value in the whole file (absent: look at `values`).
 */
export function maccorColumns(plan: MaccorColumn[], given: Float64Array[], rows: number, warnings: ParseWarning[], hasValues?: readonly boolean[]): ParsedColumn[] {
  const values = withDatedTimesOfDay(plan, given);
  const find = (role: string) => plan.findIndex((c) => c.role === role);
  const stateK = find('state');
  const currentK = find('current');
  const state = stateK >= 0 ? values[stateK] : undefined;
  const current = currentK >= 0 ? values[currentK] : undefined;
  if (current && state) {
    for (let i = 0; i < rows; i++) {
      const s = state[i];
      if (s === 1) current[i] = Math.abs(current[i]);
      else if (s === -1) current[i] = -Math.abs(current[i]);
    }
  } else if (current) {
    warnings.push({ code: 'no-state-column', message: 'no State column: current sign taken as written (positive = charge)' });
  }
  const direction = (i: number): number => (state ? state[i] : current ? Math.sign(current[i]) : NaN);
  const split: ParsedColumn[] = [];
  for (const role of ['capacity', 'energy'] as const) {
    const k = find(role);
    if (k < 0) continue;
    const raw = values[k];
    const charge = new Float64Array(rows).fill(NaN);
    const discharge = new Float64Array(rows).fill(NaN);
    for (let i = 0; i < rows; i++) {
      const d = direction(i);
      if (d === 1) charge[i] = Math.abs(raw[i]);
      else if (d === -1) discharge[i] = Math.abs(raw[i]);
    }
    const [cName, dName] = role === 'capacity'
      ? [CanonicalColumn.ChargingCapacity, CanonicalColumn.DischargingCapacity]
      : [CanonicalColumn.ChargingEnergy, CanonicalColumn.DischargingEnergy];
    const c = plan[k];
    split.push(toParsedColumn(charge, c.originalName, c.originalUnit, cName, warnings));
    split.push(toParsedColumn(discharge, c.originalName, c.originalUnit, dName, warnings));
  }
  const kept = plan.map((c, k) => ({ c, k })).filter(({ c }) => c.role !== 'capacity' && c.role !== 'energy');
  return [...toParsedColumns(kept.map(({ c }) => c), kept.map(({ k }) => values[k]), warnings, hasValues && kept.map(({ k }) => hasValues[k])), ...split];
}

/** The values with a time-of-day DPt Time column dated (a new array: the given ones are left as read). */
function withDatedTimesOfDay(plan: MaccorColumn[], values: Float64Array[]): Float64Array[] {
  const k = plan.findIndex((c) => c.timeOfDay);
  if (k < 0) return values;
  const t = plan.findIndex((c) => c.canonical === CanonicalColumn.TestTime);
  const out = [...values];
  out[k] = datedTimeOfDay(values[k], t >= 0 ? values[t] : undefined, t >= 0 ? secondsPerTimeUnit(plan[t]) : 1, plan[k].timeOfDay!);
  return out;
}
