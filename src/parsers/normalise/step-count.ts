/**
 * Running step segment counter (from 1). A new step starts when the cycle changes, when the
 * vendor's step index changes, when the vendor's step type changes, and — only when the file has
 * no step index — when the current direction (charge / discharge / rest) changes. With a step
 * index present, direction changes inside a vendor step (a CV tail fading into the rest band, a
 * pulse) do not split the step.
 */
export function deriveStepCount(
  cycle: Float64Array,
  stepIndex: Float64Array | undefined,
  stepType: Float64Array | undefined,
  direction: Int8Array,
): Float64Array {
  const n = cycle.length;
  const out = new Float64Array(n);
  let count = 1;
  let prevIndex = NaN;
  let prevType = NaN;
  for (let i = 0; i < n; i++) {
    let change = i > 0 && cycle[i] !== cycle[i - 1];
    if (stepIndex) {
      const s = stepIndex[i];
      if (s === s) {
        if (prevIndex === prevIndex && s !== prevIndex) change = true;
        prevIndex = s;
      }
    } else if (i > 0 && direction[i] !== direction[i - 1]) change = true;
    if (stepType) {
      const t = stepType[i];
      if (t === t) {
        if (prevType === prevType && t !== prevType) change = true;
        prevType = t;
      }
    }
    if (change && i > 0) count++;
    out[i] = count;
  }
  return out;
}
