/** A time axis made non-decreasing, with the rows where the source time jumped backwards. */
export interface MonotonicTime {
  timeS: Float64Array;
  /** Row indices where the original time went backwards (a resumed test, a DST repeat ...). */
  resets: number[];
  /** Rows whose time was missing (NaN) and was carried forward from the previous row. */
  filled: number;
}

/**
 * Makes a time axis non-decreasing. When time goes backwards the later rows are shifted so they
 * continue one typical sample interval after the last good time (the gap is unknown, so the
 * shortest plausible one is used). Missing times take the previous row's time.
 */
export function makeMonotonic(timeS: Float64Array): MonotonicTime {
  const n = timeS.length;
  const out = new Float64Array(n);
  const resets: number[] = [];
  let filled = 0;
  let offset = 0;
  let prev = NaN;
  let lastDt = 0;
  for (let i = 0; i < n; i++) {
    const raw = timeS[i];
    if (raw !== raw) {
      out[i] = prev === prev ? prev : 0;
      filled++;
      continue;
    }
    let t = raw + offset;
    if (prev === prev && t < prev) {
      offset += prev - t + lastDt;
      t = raw + offset;
      resets.push(i);
    } else if (prev === prev && t > prev) {
      lastDt = t - prev;
    }
    out[i] = t;
    prev = t;
  }
  if (filled > 0 && n > 0 && timeS[0] !== timeS[0]) {
    // Leading missing times: back-fill with the first known time.
    let first = 0;
    while (first < n && timeS[first] !== timeS[first]) first++;
    const t0 = first < n ? out[first] : 0;
    for (let i = 0; i < first; i++) out[i] = t0;
  }
  return { timeS: out, resets, filled };
}
