import { CanonicalColumn, unitOfColumnName } from '../domain/canonical-columns.js';
import { findUnitConversion } from '../domain/units.js';

/** Units a mapping may give for a time column besides physical ones: date-times (with field order) and clock durations. */
export const TIME_TEXT_UNITS = ['datetime', 'datetime:ymd', 'datetime:dmy', 'datetime:mdy', 'hh:mm:ss'] as const;

/** Unit suggestions offered per canonical unit (every one is accepted by `isUnitFor`). */
const SUGGESTED_UNITS: Record<string, string[]> = {
  s: ['s', 'ms', 'min', 'h', 'd', ...TIME_TEXT_UNITS],
  V: ['V', 'mV'],
  A: ['A', 'mA', 'µA'],
  Ah: ['Ah', 'mAh', 'C'],
  Wh: ['Wh', 'mWh', 'J'],
  W: ['W', 'mW'],
  degC: ['degC', 'K'],
  ohm: ['ohm', 'mohm'],
  '1': ['1'],
};

const TEMPERATURE_CHANNEL = /^Temperature T[1-9]\d{0,2} \/ degC$/;
const canonicalNames: readonly string[] = Object.values(CanonicalColumn);

/** True for a canonical BDF column a mapping may target (the fixed list, or 'Temperature T<n> / degC'). */
export function isMappableColumn(name: string): boolean {
  return canonicalNames.includes(name) || TEMPERATURE_CHANNEL.test(name);
}

/** True when values written in `unit` convert to the canonical unit of `column` (time columns also take date-times and durations). */
export function isUnitFor(column: string, unit: string): boolean {
  const target = unitOfColumnName(column);
  if (target === null) return false;
  if (target === 's' && (TIME_TEXT_UNITS as readonly string[]).includes(unit.toLowerCase())) return true;
  return findUnitConversion(unit, target === 'degC' ? 'temperature' : 'charge')?.canonicalUnit === target;
}

/** The canonical columns with the units offered for each, for mapping dialogs. */
export function listMappableColumns(): { name: string; unit: string; units: string[] }[] {
  return canonicalNames.map((name) => {
    const unit = unitOfColumnName(name) ?? '1';
    return { name, unit, units: SUGGESTED_UNITS[unit] ?? [unit] };
  });
}
