/**
 * Derived cycle index (from 1, never decreasing).
 * - With the vendor's cycle numbers: +1 every time the vendor number changes (so 0-based,
 *   skipping and restarting numberings all become 1, 2, 3 ...). Missing values keep the cycle.
 * - Without: a new cycle starts at the first charging row that follows a discharging row.
 */
export function deriveCycleCount(vendorCycle: Float64Array | undefined, direction: Int8Array): Float64Array {
  const n = direction.length;
  const out = new Float64Array(n);
  let cycle = 1;
  if (vendorCycle) {
    let prev = NaN;
    for (let i = 0; i < n; i++) {
      const v = vendorCycle[i];
      if (v === v) {
        if (prev === prev && v !== prev) cycle++;
        prev = v;
      }
      out[i] = cycle;
    }
    return out;
  }
  let seenDischarge = false;
  for (let i = 0; i < n; i++) {
    const d = direction[i];
    if (d < 0) seenDischarge = true;
    else if (d > 0 && seenDischarge) {
      cycle++;
      seenDischarge = false;
    }
    out[i] = cycle;
  }
  return out;
}
