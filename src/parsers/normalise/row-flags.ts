/** The last value a flag scan saw, carried from one stretch of rows to the next. */
export interface LastValueState {
  last: number;
}

/**
 * 1 where a value differs from the previous non-missing value. `state.last` starts NaN (no
 * previous value) and carries over to the next stretch of rows.
 */
export function changes(values: Float64Array, state: LastValueState = { last: NaN }): Uint8Array {
  const out = new Uint8Array(values.length);
  let prev = state.last;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (prev === prev && v !== prev) out[i] = 1;
    prev = v;
  }
  state.last = prev;
  return out;
}

/**
 * 1 where the current turns from charge to discharge or back (rest in between ignored).
 * `state.last` is the last non-rest direction (0: none yet).
 */
export function halfCycleStarts(direction: Int8Array, state: LastValueState = { last: 0 }): Uint8Array {
  const out = new Uint8Array(direction.length);
  let last = state.last;
  for (let i = 0; i < direction.length; i++) {
    const d = direction[i];
    if (d === 0) continue;
    if (last !== 0 && d !== last) out[i] = 1;
    last = d;
  }
  state.last = last;
  return out;
}
