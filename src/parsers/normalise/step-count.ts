/** What deriveStepCount carries from one stretch of rows to the next. */
export interface StepCountState {
  /** Steps so far (0 before the first row). */
  count: number;
  /** Previous row's derived cycle (NaN before the first row) and current direction. */
  prevCycle: number;
  prevDirection: number;
  /** Last non-missing vendor step index and step type (NaN: none yet). */
  prevIndex: number;
  prevType: number;
}

export function newStepCountState(): StepCountState {
  return { count: 0, prevCycle: NaN, prevDirection: 0, prevIndex: NaN, prevType: NaN };
}

/**
 * Running step segment counter (from 1). A new step starts when the cycle changes, when the
 * vendor's step index changes, when the vendor's step type changes, and — only when the file has
 * no step index — when the current direction (charge / discharge / rest) changes. With a step
 * index present, direction changes inside a vendor step (a CV tail fading into the rest band, a
 * pulse) do not split the step. Consecutive stretches of rows with the same `state` give the
 * values of one call over all of them.
 */
export function deriveStepCount(
  cycle: Float64Array,
  stepIndex: Float64Array | undefined,
  stepType: Float64Array | undefined,
  direction: Int8Array,
  state: StepCountState = newStepCountState(),
): Float64Array {
  const n = cycle.length;
  const out = new Float64Array(n);
  let { count, prevCycle, prevDirection, prevIndex, prevType } = state;
  for (let i = 0; i < n; i++) {
    // The first row of all (prevCycle NaN) counts as a change: it starts step 1.
    let change = cycle[i] !== prevCycle;
    if (stepIndex) {
      const s = stepIndex[i];
      if (s === s) {
        if (prevIndex === prevIndex && s !== prevIndex) change = true;
        prevIndex = s;
      }
    } else if (direction[i] !== prevDirection) change = true;
    if (stepType) {
      const t = stepType[i];
      if (t === t) {
        if (prevType === prevType && t !== prevType) change = true;
        prevType = t;
      }
    }
    if (change) count++;
    out[i] = count;
    prevCycle = cycle[i];
    prevDirection = direction[i];
  }
  Object.assign(state, { count, prevCycle, prevDirection, prevIndex, prevType });
  return out;
}
