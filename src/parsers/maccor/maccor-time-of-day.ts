import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { ParseWarning } from '../cycler-parser.js';
import { parseDateTime } from '../common/date-time.js';
import type { DateOrder } from '../common/date-time.js';
import { parseDuration } from '../common/duration.js';
import { durationReader } from '../common/named-readers.js';
import type { MaccorColumn, TimeOfDayBase } from './maccor-columns.js';
import { sampleNumber } from './maccor-samples.js';
import { secondsPerTimeUnit } from './maccor-units.js';

const TIME_ONLY = /^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Some exports write DPt Time as the time of day only ('22:30:00'), with the date in the preamble
 * ('Date of Test'). The column is then read as a duration (s since midnight) and dated per row in
 * `datedTimeOfDay`; the day rolls over when the test time says a midnight has passed, so each row is
 * worked out alone (batches and whole files agree). Without a preamble date the column is dropped
 * with a warning: the test time stays the time axis. Changes `plan` in place.
 */
export function planTimeOfDay(plan: MaccorColumn[], rows: string[][], decimalComma: boolean, meta: Record<string, unknown>, order: DateOrder, warnings: ParseWarning[]): void {
  const k = plan.findIndex((c) => c.canonical === CanonicalColumn.UnixTime);
  if (k < 0) return;
  const clock = plan[k];
  const texts = rows.map((r) => (r[clock.index] ?? '').trim()).filter((t) => t !== '');
  if (texts.length === 0 || !texts.every((t) => TIME_ONLY.test(t))) return;
  const dateText = (meta.testDateText ?? meta.startedText) as string | undefined;
  const day = dateText ? parseDateTime(dateText, order) : NaN;
  const test = plan.find((c) => c.canonical === CanonicalColumn.TestTime);
  const first = test && rows.find((r) => TIME_ONLY.test((r[clock.index] ?? '').trim()) && testSeconds(test, r, decimalComma) === testSeconds(test, r, decimalComma));
  if (day !== day || !test || !first) {
    plan.splice(k, 1);
    warnings.push({ code: 'column-dropped', message: `'${clock.originalName}' holds the time of day only and the preamble gives no test date: column left out` });
    return;
  }
  const dayStartS = Math.floor(day / 86400) * 86400;
  plan[k] = { ...clock, read: durationReader, valueUnit: 's', originalUnit: 'time of day', timeOfDay: {
    dayStartS, firstTimeOfDayS: parseDuration(first[clock.index].trim()), firstTestTimeS: testSeconds(test, first, decimalComma),
  } };
  warnings.push({ code: 'date-from-preamble', message: `'${clock.originalName}' holds the time of day only: dated from the preamble ('${dateText}'), a day later at each midnight the test time passes` });
}

/** Date-times (s) of times of day (s since midnight), given the test times as read (`testUnitS` seconds each). */
export function datedTimeOfDay(timeOfDayS: Float64Array, testTime: Float64Array | undefined, testUnitS: number, base: TimeOfDayBase): Float64Array {
  const out = new Float64Array(timeOfDayS.length);
  for (let i = 0; i < out.length; i++) {
    const tod = timeOfDayS[i];
    const elapsedS = testTime ? base.firstTimeOfDayS + testTime[i] * testUnitS - base.firstTestTimeS : NaN;
    out[i] = base.dayStartS + tod + (elapsedS === elapsedS ? 86400 * Math.round((elapsedS - tod) / 86400) : 0);
  }
  return out;
}

function testSeconds(test: MaccorColumn, row: string[], decimalComma: boolean): number {
  const text = (row[test.index] ?? '').trim();
  return (test.read ? parseDuration(text) : sampleNumber(text, decimalComma)) * secondsPerTimeUnit(test);
}
