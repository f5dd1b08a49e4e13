/** Current direction per row: +1 charge, -1 discharge, 0 rest (|I| below the threshold) or missing. */
export function currentDirections(currentA: Float64Array, thresholdA: number): Int8Array {
  const n = currentA.length;
  const dir = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const c = currentA[i];
    dir[i] = c > thresholdA ? 1 : c < -thresholdA ? -1 : 0;
  }
  return dir;
}

/**
 * The current below which a row counts as rest: 0.1 % of the largest |I| in the file, at least
 * 1 nA. Relative so that coin cells (µA) and large cells (hundreds of A) both work.
 */
export function restThresholdA(currentA: Float64Array): number {
  return restThresholdOfMax(maxAbs(currentA));
}

/** The rest threshold for a file whose largest |current| is `maxAbsA`. */
export function restThresholdOfMax(maxAbsA: number): number {
  return Math.max(maxAbsA * 1e-3, 1e-9);
}

/** The largest |value| (0 for none; missing values skipped). */
export function maxAbs(values: Float64Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > max) max = a;
  }
  return max;
}
