/** A time step this many times the usual one (median, or the step before) is a gap in the record. */
export const GAP_FACTOR = 100;
/** ... and at least this long, s: shorter holes are ordinary sampling jitter or logging on change. */
export const GAP_MIN_S = 300;

/** Whether a time step `dtS` (s) is a gap next to a usual step `usualDtS` (s; NaN: unknown, no gap). */
export function isTimeGap(dtS: number, usualDtS: number): boolean {
  return dtS > GAP_MIN_S && dtS > GAP_FACTOR * usualDtS;
}
