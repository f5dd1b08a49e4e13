import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { ParseError, type ParsedColumn, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { canonicalCountersOf } from './canonical-counters-columns.js';
import { derivedColumn, findColumn, findValues, putColumn } from './columns.js';
import { deriveCycleCount } from './cycle-count.js';
import { currentDirections, restThresholdA } from './direction.js';
import { makeMonotonic } from './monotonic-time.js';
import { deriveStepCount } from './step-count.js';
import { deriveStepTypes } from './step-type.js';

/**
 * Turns a parser's output into the canonical form: Record Index, a non-decreasing Test Time,
 * derived Cycle Count / Step Count / Step Type, and charge/discharge capacity and energy that
 * restart at every derived cycle, whatever the vendor's counter semantics. Pure; the input's
 * column arrays are not modified.
 */
export function normalise(result: ParseResult, fileName: string): ParseResult {
  const n = result.rows;
  const columns: ParsedColumn[] = [...result.columns];
  const warnings: ParseWarning[] = [...result.warnings];
  const fail = (message: string): never => {
    throw new ParseError({ format: result.format, fileName, message });
  };
  for (const c of columns) if (c.values.length !== n) fail(`column '${c.name}' has ${c.values.length} values for ${n} rows`);
  const voltage = findColumn(result, CanonicalColumn.Voltage)?.values ?? fail('no voltage column');
  const current = findColumn(result, CanonicalColumn.Current)?.values ?? fail('no current column');

  if (!findColumn(result, CanonicalColumn.RecordIndex)) {
    const idx = new Float64Array(n);
    for (let i = 0; i < n; i++) idx[i] = i + 1;
    columns.unshift(derivedColumn(CanonicalColumn.RecordIndex, '1', idx));
  }

  const time = timeAxis(result, fail);
  const mono = makeMonotonic(time.values);
  if (mono.resets.length > 0) {
    putColumn(columns, { ...time, name: 'Test Time (original) / s', unit: 's' });
    warnings.push({ code: 'TIME_NOT_MONOTONIC', message: `test time goes backwards ${mono.resets.length} time(s) (first at row ${mono.resets[0] + 1}); later rows shifted to keep the axis increasing` });
  }
  if (mono.filled > 0) warnings.push({ code: 'TIME_MISSING', message: `${mono.filled} row(s) without a time took the previous row's time` });
  putColumn(columns, { ...(findColumn(result, CanonicalColumn.TestTime) ?? derivedColumn(CanonicalColumn.TestTime, 's', mono.timeS)), values: mono.timeS });
  const resume = new Uint8Array(n);
  for (const r of mono.resets) resume[r] = 1;

  const restA = restThresholdA(current);
  const direction = currentDirections(current, restA);
  const vendorCycle = findValues(result, CanonicalColumn.CycleVendor);
  const cycle = deriveCycleCount(vendorCycle, direction);
  putColumn(columns, derivedColumn(CanonicalColumn.CycleCount, '1', cycle));
  const stepIndex = findValues(result, CanonicalColumn.StepIndex);
  const givenStepType = findValues(result, CanonicalColumn.StepType);
  const stepCount = deriveStepCount(cycle, stepIndex, givenStepType, direction);
  putColumn(columns, derivedColumn(CanonicalColumn.StepCount, '1', stepCount));
  if (!givenStepType) putColumn(columns, derivedColumn(CanonicalColumn.StepType, '1', deriveStepTypes(stepCount, current, voltage, restA)));

  const counters = canonicalCountersOf(result, {
    timeS: mono.timeS,
    currentA: current,
    voltageV: voltage,
    resume,
    stepStart: changes(stepCount),
    stepIndexChange: stepIndex ? changes(stepIndex) : undefined,
    vendorCycleChange: vendorCycle ? changes(vendorCycle) : undefined,
    halfCycleStart: halfCycleStarts(direction),
  }, cycle, warnings);
  for (const c of counters) {
    const vendor = findColumn(result, c.name);
    if (vendor) columns.push({ ...vendor, name: c.name.replace(' / ', ' (vendor) / ') });
    putColumn(columns, vendor ? { ...vendor, values: c.values } : c);
  }
  return { ...result, columns, warnings, counters: { capacity: 'per-cycle', energy: 'per-cycle' } };
}

function timeAxis(result: ParseResult, fail: (m: string) => never): ParsedColumn {
  const test = findColumn(result, CanonicalColumn.TestTime);
  if (test && findValues(result, CanonicalColumn.TestTime)) return test;
  const unix = findValues(result, CanonicalColumn.UnixTime);
  if (!unix) return fail('no test time or date-time column');
  let t0 = NaN;
  for (let i = 0; i < unix.length && t0 !== t0; i++) t0 = unix[i];
  const values = new Float64Array(unix.length);
  for (let i = 0; i < unix.length; i++) values[i] = unix[i] - t0;
  return derivedColumn(CanonicalColumn.TestTime, 's', values);
}

/** 1 where a value differs from the previous non-missing value. */
function changes(values: Float64Array): Uint8Array {
  const out = new Uint8Array(values.length);
  let prev = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (prev === prev && v !== prev) out[i] = 1;
    prev = v;
  }
  return out;
}

/** 1 where the current turns from charge to discharge or back (rest in between ignored). */
function halfCycleStarts(direction: Int8Array): Uint8Array {
  const out = new Uint8Array(direction.length);
  let last = 0;
  for (let i = 0; i < direction.length; i++) {
    const d = direction[i];
    if (d === 0) continue;
    if (last !== 0 && d !== last) out[i] = 1;
    last = d;
  }
  return out;
}
