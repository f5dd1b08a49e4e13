import { isTimeGap } from '../../domain/time-gap.js';

/** Where a vendor counter may restart, and whether it always does there. */
export interface ResetPoints {
  /** 1 where the counter is known to restart (new step, new half cycle, resumed test ...). */
  boundary?: Uint8Array;
  /** true: the counter restarts at every boundary (per-step with a step index); false: only if it dropped. */
  always: boolean;
  /** The first row's value counts as charge passed since the counter's zero (false for running totals). */
  firstCounts: boolean;
}

/**
 * The previous sample a scan compares with, carried from one stretch of rows to the next (NaN: none
 * yet). Every function here gives, over consecutive stretches with the same state, the values of one
 * call over all the rows.
 */
export interface PreviousSample {
  value: number;
}

/** What integrateIncrements carries: the previous row's rate and time, and the last time step. */
export interface PreviousRate {
  rate: number;
  timeS: number;
  /** Absent in checkpoints written before gaps were skipped. */
  dtS?: number;
}

/** Running sums of accumulatePerCycleInPlace and the previous row's cycle (NaN: no row yet). */
export interface CycleSums {
  charge: number;
  discharge: number;
  net: number;
  cycle: number;
}

export function newCycleSums(): CycleSums {
  return { charge: 0, discharge: 0, net: 0, cycle: NaN };
}

/**
 * Rows per call of a per-row kernel. A loop over a million rows in one call is compiled while it runs
 * (on-stack replacement) before its rare branches have been seen; each of those then sends it back to
 * the interpreter, where every double it carries is a new heap object. Called in ranges, the kernel is
 * compiled as a function after a few calls and stays compiled.
 */
const KERNEL_ROWS = 1 << 15;

/**
 * Per-row increments (≥ 0) of a vendor counter that only grows between restarts. A restart is
 * taken where the value falls below half the running maximum (a reset to ~0 the parser did not
 * mark), at a boundary when it did not grow, or at every boundary when `always`. Small dips
 * (noise, rounding) give 0 and do not move the reference, so recovery is not counted twice.
 * Negative values (discharge counters some vendors write with a sign) count by magnitude.
 * `state.value` is the reference (running maximum since the last restart).
 */
export function counterIncrements(counter: Float64Array, resets: ResetPoints, state: PreviousSample = { value: NaN }): Float64Array {
  const n = counter.length;
  const inc = new Float64Array(n);
  for (let from = 0; from < n; from += KERNEL_ROWS) counterIncrementsInRange(counter, inc, resets, state, from, Math.min(n, from + KERNEL_ROWS));
  return inc;
}

function counterIncrementsInRange(counter: Float64Array, inc: Float64Array, resets: ResetPoints, state: PreviousSample, from: number, to: number): void {
  const { boundary, always, firstCounts } = resets;
  let ref = +state.value; // a Number to the optimiser: the loop keeps ref unboxed
  for (let i = from; i < to; i++) {
    const raw = counter[i];
    if (raw !== raw) continue;
    const v = Math.abs(raw);
    if (ref !== ref) {
      inc[i] = firstCounts ? v : 0;
      ref = v;
      continue;
    }
    const atBoundary = boundary !== undefined && boundary[i] === 1;
    if (v < ref * 0.5 || (atBoundary && (always || v < ref))) {
      inc[i] = v;
      ref = v;
    } else if (v >= ref) {
      inc[i] = v - ref;
      ref = v;
    }
  }
  state.value = ref;
}

/**
 * Splits a signed running counter (+ on charge) into charge and discharge increments. At a step
 * boundary a sudden fall to under half its magnitude is read as a restart from zero (vendors
 * that zero the counter per step); at a resumed-test row the sample is skipped.
 */
export function signedIncrements(net: Float64Array, stepBoundary: Uint8Array, resume: Uint8Array, state: PreviousSample = { value: NaN }): { charge: Float64Array; discharge: Float64Array } {
  const n = net.length;
  const charge = new Float64Array(n);
  const discharge = new Float64Array(n);
  let prev = state.value;
  for (let i = 0; i < n; i++) {
    const v = net[i];
    if (v !== v) continue;
    if (prev !== prev || resume[i] === 1) {
      prev = v;
      continue;
    }
    let d = v - prev;
    if (stepBoundary[i] === 1 && Math.abs(v) < 0.5 * Math.abs(prev)) d = v;
    if (d > 0) charge[i] = d;
    else discharge[i] = -d;
    prev = v;
  }
  state.value = prev;
  return { charge, discharge };
}

/**
 * Trapezoidal integration of a signed rate (A → Ah, W → Wh) over time, split by sign. Intervals
 * ending at a row flagged in `skip` (a step's first row: the rate jumps at an unknown moment; a
 * resumed test: the gap is unknown) add nothing, nor does a gap in the record (isTimeGap against the
 * interval before): what flowed there is not known.
 */
export function integrateIncrements(rate: Float64Array, timeS: Float64Array, skip: Uint8Array, state: PreviousRate = { rate: NaN, timeS: NaN }): { charge: Float64Array; discharge: Float64Array } {
  const n = rate.length;
  const charge = new Float64Array(n);
  const discharge = new Float64Array(n);
  let a = state.rate;
  let ta = state.timeS;
  let usual = state.dtS ?? NaN;
  for (let i = 0; i < n; i++) {
    const b = rate[i];
    const tb = timeS[i];
    const dt = tb - ta;
    const gap = isTimeGap(dt, usual);
    if (!(a !== a || b !== b || !(dt > 0) || skip[i] === 1 || gap)) {
      charge[i] = ((a > 0 ? a : 0) + (b > 0 ? b : 0)) * 0.5 * dt / 3600;
      discharge[i] = ((a < 0 ? -a : 0) + (b < 0 ? -b : 0)) * 0.5 * dt / 3600;
    }
    if (dt > 0 && !gap) usual = dt;
    a = b;
    ta = tb;
  }
  state.rate = a;
  state.timeS = ta;
  state.dtS = usual;
  return { charge, discharge };
}

/**
 * Turns charge and discharge increments (Ah or Wh) into sums within each derived cycle, restarting
 * at each cycle's first row, in place (one pass, no new arrays); with `withNet`, also returns the
 * running net (charge − discharge) from the start of the test.
 */
export function accumulatePerCycleInPlace(inc: { charge: Float64Array; discharge: Float64Array }, cycle: Float64Array, withNet: boolean, sums: CycleSums = newCycleSums()): Float64Array | undefined {
  const n = inc.charge.length;
  const net = withNet ? new Float64Array(n) : undefined;
  for (let from = 0; from < n; from += KERNEL_ROWS) accumulateInRange(inc, cycle, net, sums, from, Math.min(n, from + KERNEL_ROWS));
  return net;
}

function accumulateInRange(inc: { charge: Float64Array; discharge: Float64Array }, cycle: Float64Array, net: Float64Array | undefined, sums: CycleSums, from: number, to: number): void {
  const { charge, discharge } = inc;
  // Unary plus: Numbers to the optimiser, so the sums stay unboxed doubles in the loop.
  let sumCharge = +sums.charge;
  let sumDischarge = +sums.discharge;
  let sumNet = +sums.net;
  let prevCycle = +sums.cycle;
  for (let i = from; i < to; i++) {
    // Also at the first row of all (prevCycle NaN), where the sums are still 0.
    if (cycle[i] !== prevCycle) { sumCharge = 0; sumDischarge = 0; prevCycle = cycle[i]; }
    const c = charge[i];
    const d = discharge[i];
    if (net) { sumNet += c - d; net[i] = sumNet; }
    sumCharge += c;
    sumDischarge += d;
    charge[i] = sumCharge;
    discharge[i] = sumDischarge;
  }
  sums.charge = sumCharge;
  sums.discharge = sumDischarge;
  sums.net = sumNet;
  sums.cycle = prevCycle;
}
