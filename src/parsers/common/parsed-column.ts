import type { ParsedColumn, ParseWarning } from '../cycler-parser.js';
import { unitOfColumnName } from '../../domain/canonical-columns.js';
import { convertInPlace, findUnitConversion } from '../../domain/units.js';

/**
 * Builds a ParsedColumn. With a canonical name the values are converted in place from
 * `originalUnit` to the canonical unit (a missing unit means the canonical one); a unit that
 * cannot convert keeps the original name and unit and adds a warning. Without a canonical name
 * the column keeps its header and unit, values untouched.
 */
export function toParsedColumn(
  values: Float64Array,
  originalName: string,
  originalUnit: string | null,
  canonical: string | null,
  warnings: ParseWarning[],
): ParsedColumn {
  if (!canonical) return { name: originalName, unit: originalUnit, originalName, originalUnit, values };
  const target = unitOfColumnName(canonical);
  if (target === null || originalUnit === null || originalUnit === '' || originalUnit === target) {
    return { name: canonical, unit: target, originalName, originalUnit, values };
  }
  const conversion = findUnitConversion(originalUnit, target === 'degC' ? 'temperature' : target === 'Ah' ? 'charge' : undefined);
  if (!conversion || conversion.canonicalUnit !== target) {
    warnings.push({ code: 'unknown-unit', message: `column '${originalName}': unit '${originalUnit}' does not convert to ${target}; kept as is` });
    return { name: originalName, unit: originalUnit, originalName, originalUnit, values };
  }
  convertInPlace(values, conversion);
  return { name: canonical, unit: target, originalName, originalUnit, values };
}

/** A new array with `fn` applied to every value (sign fixes, unit scales). */
export function mapValues(values: Float64Array, fn: (v: number, i: number) => number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = fn(values[i], i);
  return out;
}
