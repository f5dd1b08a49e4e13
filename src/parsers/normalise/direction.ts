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
  let max = 0;
  for (let i = 0; i < currentA.length; i++) {
    const a = Math.abs(currentA[i]);
    if (a > max) max = a;
  }
  return Math.max(max * 1e-3, 1e-9);
}
