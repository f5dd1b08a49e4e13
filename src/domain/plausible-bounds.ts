import { CanonicalColumn } from './canonical-columns.js';

/** A closed range [min, max] a value must lie in to be physically plausible, in `unit`. */
export interface PlausibleBound {
  quantity: string;
  unit: string;
  min: number;
  max: number;
}

const YEAR_S = 365.25 * 86400;

/**
 * Outer limits for values read from cycler files. They are not the limits of a cell (a voltage
 * window is a device spec, see quality flags): they are what no cycler can have written, so a value
 * outside them means the bytes were corrupt or the layout was misread. Wide enough for pack testers
 * (1 kV, 10 kA) and long ageing tests; tight enough to catch misread floats (2e37 V, 3e297 s).
 */
export const PlausibleBounds = {
  /** Cell, module or pack voltage: pack cyclers go to about 1 kV. */
  voltageV: { quantity: 'voltage', unit: 'V', min: -1000, max: 1000 },
  /** Cell to pack current: the largest battery cyclers source about 2 kA; 10 kA leaves room. */
  currentA: { quantity: 'current', unit: 'A', min: -10_000, max: 10_000 },
  /** Test and step time: from the start, under 100 years. */
  elapsedS: { quantity: 'elapsed time', unit: 's', min: 0, max: 100 * YEAR_S },
  /** Absolute time: 1970-01-01 to 2100-01-01 (a clock never set reads 1970, so 0 is allowed). */
  unixTimeS: { quantity: 'Unix time', unit: 's', min: 0, max: Date.UTC(2100, 0, 1) / 1000 },
  /** Sensor temperature: a thermocouple in a climate chamber or a cell in thermal runaway. */
  temperatureDegC: { quantity: 'temperature', unit: 'degC', min: -100, max: 500 },
  /** Capacity counters: 10 kA for 10 years is about 1e9 Ah; a real pack test stays under 1e6 Ah. */
  capacityAh: { quantity: 'capacity', unit: 'Ah', min: -1e6, max: 1e6 },
  /** Energy counters: 1e6 Ah at 1 kV. */
  energyWh: { quantity: 'energy', unit: 'Wh', min: -1e9, max: 1e9 },
  /** Power: 1 kV × 10 kA. */
  powerW: { quantity: 'power', unit: 'W', min: -1e7, max: 1e7 },
  /**
   * Any other number a binary format stores (impedance, frequency, capacitance, counters): finite
   * and under 1e15 in magnitude. Misread float bit patterns are mostly far outside this.
   */
  anyValue: { quantity: 'value', unit: '', min: -1e15, max: 1e15 },
} as const satisfies Record<string, PlausibleBound>;

const byColumn = new Map<string, PlausibleBound>([
  [CanonicalColumn.Voltage, PlausibleBounds.voltageV],
  [CanonicalColumn.Current, PlausibleBounds.currentA],
  [CanonicalColumn.TestTime, PlausibleBounds.elapsedS],
  [CanonicalColumn.StepTime, PlausibleBounds.elapsedS],
  [CanonicalColumn.UnixTime, PlausibleBounds.unixTimeS],
  [CanonicalColumn.ChargingCapacity, PlausibleBounds.capacityAh],
  [CanonicalColumn.DischargingCapacity, PlausibleBounds.capacityAh],
  [CanonicalColumn.NetCapacity, PlausibleBounds.capacityAh],
  [CanonicalColumn.ChargingEnergy, PlausibleBounds.energyWh],
  [CanonicalColumn.DischargingEnergy, PlausibleBounds.energyWh],
  [CanonicalColumn.Power, PlausibleBounds.powerW],
]);

/** The bound for a column, from its canonical name and unit ('Temperature T1 / degC' → temperature). */
export function plausibleBoundOf(name: string, unit: string | null): PlausibleBound {
  const known = byColumn.get(name);
  if (known) return known;
  if (unit === 'degC') return PlausibleBounds.temperatureDegC;
  if (unit === 'V') return PlausibleBounds.voltageV;
  if (unit === 'A') return PlausibleBounds.currentA;
  return PlausibleBounds.anyValue;
}

/** True when `value` is finite and inside `bound`. */
export function isPlausible(value: number, bound: PlausibleBound): boolean {
  return value >= bound.min && value <= bound.max;
}
