import type { ParsedColumn, ParseWarning } from '../cycler-parser.js';
import { canonicalCountersOf, newCanonicalCountersState, type CanonicalCountersState } from './canonical-counters-columns.js';
import { deriveCycleCount, newCycleCountState, type CycleCountState } from './cycle-count.js';
import { currentDirections } from './direction.js';
import { makeMonotonic, newMonotonicTimeState, type MonotonicTimeState } from './monotonic-time.js';
import type { DerivedKey, NormalisePlan } from './normalise-plan.js';
import { changes, halfCycleStarts, type LastValueState } from './row-flags.js';
import { deriveStepCount, newStepCountState, type StepCountState } from './step-count.js';
import { deriveStepTypes } from './step-type.js';

/**
 * Everything normalisation carries from one stretch of rows to the next, so that normalising a
 * file stretch by stretch (in order, each stretch whole derived cycles) gives the values of one pass.
 */
export interface NormaliseState {
  /** Rows normalised so far. */
  rows: number;
  /** First 'Unix Time / s' value (NaN: none yet), when time comes from it. */
  unixT0: number;
  cycle: CycleCountState;
  time: MonotonicTimeState;
  step: StepCountState;
  stepStart: LastValueState;
  stepIndex: LastValueState;
  vendorCycle: LastValueState;
  halfCycle: LastValueState;
  counters: CanonicalCountersState;
}

export function newNormaliseState(): NormaliseState {
  return {
    rows: 0, unixT0: NaN, cycle: newCycleCountState(), time: newMonotonicTimeState(), step: newStepCountState(),
    stepStart: { last: NaN }, stepIndex: { last: NaN }, vendorCycle: { last: NaN }, halfCycle: { last: 0 },
    counters: newCanonicalCountersState(),
  };
}

/** Current direction and derived cycle of some rows: known as soon as the rows are read. */
export interface RowCycles {
  direction: Int8Array;
  cycle: Float64Array;
}

/** Direction and derived cycle of the next rows (`inputs`: one array per input column), carrying `state.cycle`. */
export function deriveCycles(plan: NormalisePlan, state: NormaliseState, inputs: readonly Float64Array[]): RowCycles {
  const direction = currentDirections(inputs[plan.current], plan.restThresholdA);
  const vendorCycle = plan.vendorCycle !== undefined ? inputs[plan.vendorCycle] : undefined;
  return { direction, cycle: deriveCycleCount(vendorCycle, direction, state.cycle) };
}

export type DerivedValues = Partial<Record<DerivedKey, Float64Array>>;

/**
 * The derived columns of the next rows: whole derived cycles (step types are classified per step),
 * with their direction and cycle from deriveCycles. `rows.cycle` is returned as the cycle column.
 */
export function normaliseRows(plan: NormalisePlan, state: NormaliseState, inputs: readonly Float64Array[], rows: RowCycles): DerivedValues {
  const { direction, cycle } = rows;
  const n = cycle.length;
  const currentA = inputs[plan.current];
  const voltageV = inputs[plan.voltage];
  const recordIndex = plan.deriveRecordIndex ? rowNumbers(state.rows, n) : undefined;
  const originalTime = plan.time.fromUnix ? relativeTime(inputs[plan.time.input], state) : inputs[plan.time.input];
  const { timeS, resume } = makeMonotonic(originalTime, state.time);
  const stepIndex = plan.stepIndex !== undefined ? inputs[plan.stepIndex] : undefined;
  const vendorCycle = plan.vendorCycle !== undefined ? inputs[plan.vendorCycle] : undefined;
  const stepCount = deriveStepCount(cycle, stepIndex, plan.stepType !== undefined ? inputs[plan.stepType] : undefined, direction, state.step);
  const counters = canonicalCountersOf(plan.counters, inputs, {
    timeS, currentA, voltageV, resume,
    stepStart: changes(stepCount, state.stepStart),
    stepIndexChange: stepIndex ? changes(stepIndex, state.stepIndex) : undefined,
    vendorCycleChange: vendorCycle ? changes(vendorCycle, state.vendorCycle) : undefined,
    halfCycleStart: halfCycleStarts(direction, state.halfCycle),
  }, cycle, state.counters);
  state.rows += n;
  return {
    recordIndex, originalTime, testTime: timeS, cycleCount: cycle, stepCount,
    stepType: plan.stepType === undefined ? deriveStepTypes(stepCount, currentA, voltageV, plan.restThresholdA) : undefined,
    ...counters,
  };
}

function rowNumbers(before: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = before + i + 1;
  return out;
}

// Seconds since the first date-time of the file.
function relativeTime(unixS: Float64Array, state: NormaliseState): Float64Array {
  const out = new Float64Array(unixS.length);
  let t0 = state.unixT0;
  for (let i = 0; i < unixS.length; i++) {
    const t = unixS[i];
    if (t0 !== t0) t0 = t;
    out[i] = t - t0;
  }
  state.unixT0 = t0;
  return out;
}

/**
 * The output columns of the rows, in the plan's order: input columns passed on (`copyInputs`: as
 * copies, for inputs that are views of a reused buffer) and derived ones. The raw time column is
 * there only `withOriginalTime`.
 */
export function outputColumns(plan: NormalisePlan, inputs: readonly Float64Array[], derived: DerivedValues, withOriginalTime: boolean, copyInputs: boolean): ParsedColumn[] {
  const out: ParsedColumn[] = [];
  for (const planned of plan.outputs) {
    const slot = planned.onlyWhenTimeResets && !withOriginalTime ? planned.onlyWhenTimeResets.otherwise : planned;
    if (!slot) continue;
    let values = slot.input !== undefined ? inputs[slot.input] : derived[slot.derived!];
    if (!values) throw new Error(`normalisation derived no values for '${slot.column.name}'`);
    // A derived column may be an input as it was (an already monotonic time axis).
    if (copyInputs && inputs.includes(values)) values = values.slice();
    out.push({ ...slot.column, values });
  }
  return out;
}

/** The warnings of a normalised file: the parser's, then time going backwards or missing, then counters. */
export function normaliseWarnings(plan: NormalisePlan, state: NormaliseState, parserWarnings: readonly ParseWarning[]): ParseWarning[] {
  const warnings = [...parserWarnings];
  const { resets, firstReset, filled } = state.time;
  if (resets > 0) {
    warnings.push({ code: 'TIME_NOT_MONOTONIC', message: `test time goes backwards ${resets} time(s) (first at row ${firstReset + 1}); later rows shifted to keep the axis increasing` });
  }
  if (filled > 0) warnings.push({ code: 'TIME_MISSING', message: `${filled} row(s) without a time took the previous row's time` });
  return [...warnings, ...plan.warnings];
}
