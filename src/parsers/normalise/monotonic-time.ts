/** What makeMonotonic carries from one stretch of rows to the next (whole file: one call). */
export interface MonotonicTimeState {
  /** Shift (s) added to the source time since its last backward jump. */
  offset: number;
  /** Last output time (NaN until a time is seen). */
  prev: number;
  /** Last positive time step (s). */
  lastDt: number;
  /** Rows seen so far (0-based row number of the next call's first row). */
  rows: number;
  /** How many times the source time went backwards, and the 0-based row of the first time (-1: never). */
  resets: number;
  firstReset: number;
  /** Rows whose time was missing (NaN) and took the previous (or first known) time. */
  filled: number;
}

export function newMonotonicTimeState(): MonotonicTimeState {
  return { offset: 0, prev: NaN, lastDt: 0, rows: 0, resets: 0, firstReset: -1, filled: 0 };
}

/** A stretch of the time axis made non-decreasing. */
export interface MonotonicTime {
  timeS: Float64Array;
  /** 1 where the original time went backwards (a resumed test, a DST repeat ...). */
  resume: Uint8Array;
}

/**
 * Makes a time axis (s) non-decreasing. When time goes backwards the later rows are shifted so they
 * continue one typical sample interval after the last good time (the gap is unknown, so the
 * shortest plausible one is used). Missing times take the previous row's time; leading ones (before
 * any time is known) take the first known time of this call, 0 when it has none. Consecutive
 * stretches of rows with the same `state` give the same values as one call over all of them, as
 * long as the stretch holding the first known time is also the first stretch with leading gaps.
 */
export function makeMonotonic(timeS: Float64Array, state: MonotonicTimeState = newMonotonicTimeState()): MonotonicTime {
  const n = timeS.length;
  if (state.offset === 0 && alreadyMonotonic(timeS, state)) return { timeS, resume: new Uint8Array(n) };
  const out = new Float64Array(n);
  const resume = new Uint8Array(n);
  const leading = state.prev !== state.prev;
  let { offset, prev, lastDt, resets, firstReset, filled } = state;
  let firstKnown = -1;
  for (let i = 0; i < n; i++) {
    const raw = timeS[i];
    if (raw !== raw) {
      out[i] = prev === prev ? prev : 0;
      filled++;
      continue;
    }
    if (firstKnown < 0) firstKnown = i;
    let t = raw + offset;
    if (prev === prev && t < prev) {
      offset += prev - t + lastDt;
      t = raw + offset;
      resume[i] = 1;
      if (resets === 0) firstReset = state.rows + i;
      resets++;
    } else if (prev === prev && t > prev) {
      lastDt = t - prev;
    }
    out[i] = t;
    prev = t;
  }
  if (leading && firstKnown > 0) out.fill(out[firstKnown], 0, firstKnown);
  Object.assign(state, { offset, prev, lastDt, resets, firstReset, filled, rows: state.rows + n });
  return { timeS: out, resume };
}

/**
 * The usual case: every time is there and none goes back (nor is -0, which the shift would turn into 0).
 * Then the input is the axis as it is — not copied, not modified — and `state` moves on as the full pass would.
 */
function alreadyMonotonic(timeS: Float64Array, state: MonotonicTimeState): boolean {
  let prev = state.prev;
  let lastDt = state.lastDt;
  for (let i = 0; i < timeS.length; i++) {
    const t = timeS[i];
    if (t !== t || (t === 0 && 1 / t < 0)) return false;
    if (prev === prev) {
      if (t < prev) return false;
      if (t > prev) lastDt = t - prev;
    }
    prev = t;
  }
  Object.assign(state, { prev, lastDt, rows: state.rows + timeS.length });
  return true;
}
