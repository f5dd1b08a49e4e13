import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { ParseWarning } from '../cycler-parser.js';
import { parseDateTime } from '../common/date-time.js';
import type { DateOrder } from '../common/date-time.js';
import type { MaccorColumn } from './maccor-columns.js';
import { sampleNumber } from './maccor-samples.js';

const TIME_UNITS = [{ unit: 's', seconds: 1, word: 'seconds' }, { unit: 'min', seconds: 60, word: 'minutes' }, { unit: 'h', seconds: 3600, word: 'hours' }];

/**
 * Units the header gets wrong, decided from the sampled rows (`segments[0]`: the file's first MiB)
 * and set as the columns' `valueUnit` (the header and unit as written are kept), each with a warning:
 * - a voltage column headed in V whose values have a median of 1000–6000 holds mV (SIMBA/WMG exports
 *   write mV under 'Volts'; no single cell reads kilovolts);
 * - a numeric test time that advances 1/60 (1/3600) as fast as the DPt Time clock counts minutes
 *   (hours), whatever its header says; its step time, headed alike, goes with it.
 */
export function correctMaccorUnits(plan: MaccorColumn[], segments: string[][][], decimalComma: boolean, order: DateOrder, warnings: ParseWarning[]): void {
  const rows = segments[0] ?? [];
  const voltage = plan.find((c) => c.canonical === CanonicalColumn.Voltage);
  if (voltage && (voltage.valueUnit ?? voltage.originalUnit) === 'V') {
    const median = medianOf(rows.map((r) => Math.abs(sampleNumber(r[voltage.index], decimalComma))).filter((v) => v > 0));
    if (median >= 1000 && median <= 6000) {
      voltage.valueUnit = 'mV';
      warnings.push({ code: 'voltage-in-mv', message: `'${voltage.originalName}' read as mV: its values (median ${median}) are a cell voltage in mV, not in V` });
    }
  }
  const test = plan.find((c) => c.canonical === CanonicalColumn.TestTime);
  const clock = plan.find((c) => c.canonical === CanonicalColumn.UnixTime);
  if (!test || !clock) return;
  const pairs = rows
    .map((r) => [sampleNumber(r[test.index], decimalComma), parseDateTime((r[clock.index] ?? '').trim(), order)])
    .filter(([t, u]) => t === t && u === u);
  if (pairs.length < 2) return;
  const [t0, u0] = pairs[0];
  const [t1, u1] = pairs[pairs.length - 1];
  if (!(u1 - u0 >= 120 && t1 > t0)) return; // DPt Time has 1 s steps: too short a stretch tells nothing
  const secondsPerUnit = (u1 - u0) / (t1 - t0);
  const fits = TIME_UNITS.find((u) => Math.abs(Math.log(secondsPerUnit / u.seconds)) < Math.log(1.5));
  const declared = unitOfTime(test);
  if (!fits || fits.unit === declared) return;
  const step = plan.find((c) => c.canonical === CanonicalColumn.StepTime);
  for (const c of step && unitOfTime(step) === declared ? [test, step] : [test]) c.valueUnit = fits.unit;
  warnings.push({
    code: `time-in-${fits.word}`,
    message: `'${test.originalName}' read in ${fits.word}: it advances ${(t1 - t0).toPrecision(4)} while '${clock.originalName}' advances ${u1 - u0} s`,
  });
}

/** Seconds per unit of a time column's values as read ('s', 'min', 'h'). */
export function secondsPerTimeUnit(c: MaccorColumn): number {
  return TIME_UNITS.find((u) => u.unit === unitOfTime(c))!.seconds;
}

/** The time unit a column's header declares: 's' (also when it says none), 'min' or 'h'. */
function unitOfTime(c: MaccorColumn): string {
  const u = (c.valueUnit ?? c.originalUnit ?? 's').toLowerCase();
  return u.startsWith('min') ? 'min' : u.startsWith('h') ? 'h' : 's';
}

function medianOf(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}
