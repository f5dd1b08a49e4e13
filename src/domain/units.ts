/**
 * Unit conversion for time-series columns: each known unit string maps to the canonical
 * unit of its quantity and the factor (and offset) that converts a value into it.
 * value_canonical = value * factor + offset.
 */
export interface UnitConversion {
  canonicalUnit: string;
  factor: number;
  offset: number;
}

const table: Record<string, UnitConversion> = {};
function add(units: string[], canonicalUnit: string, factor: number, offset = 0): void {
  for (const u of units) table[u.toLowerCase()] = { canonicalUnit, factor, offset };
}
add(['s', 'sec', 'secs', 'second', 'seconds'], 's', 1);
add(['ms'], 's', 1e-3);
add(['min', 'mins', 'minute', 'minutes'], 's', 60);
add(['h', 'hr', 'hrs', 'hour', 'hours'], 's', 3600);
add(['d', 'day', 'days'], 's', 86400);
add(['v', 'volt', 'volts'], 'V', 1);
add(['mv'], 'V', 1e-3);
add(['µv', 'uv'], 'V', 1e-6);
add(['a', 'amp', 'amps', 'ampere'], 'A', 1);
add(['ma'], 'A', 1e-3);
add(['µa', 'ua', 'μa'], 'A', 1e-6);
add(['na'], 'A', 1e-9);
add(['ah', 'a.h', 'a·h', 'a-h', 'amp-hr', 'amp-h'], 'Ah', 1);
add(['mah', 'ma.h', 'ma·h', 'ma-h'], 'Ah', 1e-3);
add(['µah', 'uah', 'µa.h', 'ua.h', 'μa.h', 'μah'], 'Ah', 1e-6);
add(['c', 'coulomb'], 'Ah', 1 / 3600);
add(['wh', 'w.h', 'w·h', 'watt-hr'], 'Wh', 1);
add(['mwh', 'mw.h', 'mw·h'], 'Wh', 1e-3);
add(['µwh', 'uwh', 'µw.h', 'uw.h'], 'Wh', 1e-6);
add(['j'], 'Wh', 1 / 3600);
add(['w', 'watt', 'watts'], 'W', 1);
add(['mw'], 'W', 1e-3);
add(['ohm', 'ohms', 'Ω', 'ω'], 'ohm', 1);
add(['mohm', 'mΩ', 'mω', 'milliohm'], 'ohm', 1e-3);
add(['degc', '°c', 'c', 'deg c', 'celsius', '\ufffdc', '?c', '(?)', 'oc'], 'degC', 1);
add(['k', 'kelvin'], 'degC', 1, -273.15);
add(['1', '-', ''], '1', 1);

// 'C' is ambiguous (coulomb or degree Celsius); callers resolve it by the quantity.
const celsiusForTemperature: UnitConversion = { canonicalUnit: 'degC', factor: 1, offset: 0 };

/** The conversion for a unit string such as 'mA', 'mA.h', '°C'; null when unknown. */
export function findUnitConversion(unit: string, quantity?: 'temperature' | 'charge'): UnitConversion | null {
  const key = unit.trim().toLowerCase();
  if (key === 'c') return quantity === 'temperature' ? celsiusForTemperature : table['c'];
  return table[key] ?? null;
}

/** Converts a column in place to its canonical unit; returns the canonical unit. */
export function convertInPlace(values: Float64Array, conversion: UnitConversion): string {
  const { factor, offset } = conversion;
  if (factor !== 1 || offset !== 0) {
    for (let i = 0; i < values.length; i++) values[i] = values[i] * factor + offset;
  }
  return conversion.canonicalUnit;
}
