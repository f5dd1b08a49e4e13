/** What deriveCycleCount carries from one stretch of rows to the next. */
export interface CycleCountState {
  cycle: number;
  /** Last non-missing vendor cycle number (NaN: none yet). */
  prevVendor: number;
  /** A discharging row has been seen since the last cycle start (cycles from current direction). */
  seenDischarge: boolean;
}

export function newCycleCountState(): CycleCountState {
  return { cycle: 1, prevVendor: NaN, seenDischarge: false };
}

/**
 * Derived cycle index (from 1, never decreasing).
 * - With the vendor's cycle numbers: +1 every time the vendor number changes (so 0-based,
 *   skipping and restarting numberings all become 1, 2, 3 ...). Missing values keep the cycle.
 * - Without: a new cycle starts at the first charging row that follows a discharging row.
 * Consecutive stretches of rows with the same `state` give the values of one call over all of them.
 */
export function deriveCycleCount(vendorCycle: Float64Array | undefined, direction: Int8Array, state: CycleCountState = newCycleCountState()): Float64Array {
  const n = direction.length;
  const out = new Float64Array(n);
  let cycle = state.cycle;
  if (vendorCycle) {
    let prev = state.prevVendor;
    for (let i = 0; i < n; i++) {
      const v = vendorCycle[i];
      if (v === v) {
        if (prev === prev && v !== prev) cycle++;
        prev = v;
      }
      out[i] = cycle;
    }
    state.prevVendor = prev;
  } else {
    let seenDischarge = state.seenDischarge;
    for (let i = 0; i < n; i++) {
      const d = direction[i];
      if (d < 0) seenDischarge = true;
      else if (d > 0 && seenDischarge) {
        cycle++;
        seenDischarge = false;
      }
      out[i] = cycle;
    }
    state.seenDischarge = seenDischarge;
  }
  state.cycle = cycle;
  return out;
}
