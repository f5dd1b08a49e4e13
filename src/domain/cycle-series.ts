/** The normalised columns the cycle and step tables are computed from (one value per row, NaN = missing). */
export interface CycleSeries {
  testTimeS: Float64Array;
  voltageV: Float64Array;
  currentA: Float64Array;
  /** Derived cycle, from 1, never decreasing. */
  cycle: Float64Array;
  vendorCycle?: Float64Array;
  stepCount: Float64Array;
  stepIndex?: Float64Array;
  stepType: Float64Array;
  /** Per-cycle counters: ≥ 0, restart at each derived cycle. */
  chargeCapacityAh: Float64Array;
  dischargeCapacityAh: Float64Array;
  chargeEnergyWh: Float64Array;
  dischargeEnergyWh: Float64Array;
  temperatureC?: Float64Array;
  internalResistanceOhm?: Float64Array;
}

/** Running min / max / mean of the finite values seen. */
export interface Stats {
  min: number;
  max: number;
  sum: number;
  count: number;
}

export function emptyStats(): Stats {
  return { min: Infinity, max: -Infinity, sum: 0, count: 0 };
}

export function addToStats(s: Stats, v: number): void {
  if (v !== v) return;
  if (v < s.min) s.min = v;
  if (v > s.max) s.max = v;
  s.sum += v;
  s.count++;
}

/** min, max and mean, null when no finite value was seen. */
export function finishStats(s: Stats): { min: number | null; max: number | null; mean: number | null } {
  return s.count === 0 ? { min: null, max: null, mean: null } : { min: s.min, max: s.max, mean: s.sum / s.count };
}

/** Largest finite value in [start, end), 0 when none. */
export function maxIn(values: Float64Array, start: number, end: number): number {
  let m = 0;
  for (let i = start; i < end; i++) if (values[i] > m) m = values[i];
  return m;
}

/** Calls `fn(start, end)` for every run of equal values in `key`. */
export function forEachRun(key: Float64Array, fn: (start: number, end: number) => void): void {
  const n = key.length;
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && key[i] === key[start]) continue;
    if (n > 0) fn(start, i);
    start = i;
  }
}
