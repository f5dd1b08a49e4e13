import { nextRowKey, parseNumber, type EditorRow } from './editor-rows.js';
import type { SubErrors } from './field-editor.js';

/** One own parameter value of a specification; `unit_id` '' means the parameter's default unit. */
export interface ValueRow extends EditorRow {
  parameter_id: string;
  value: string;
  valueType: 'number' | 'text';
  unit_id: string;
  inheritable: boolean;
}

/** A value as the API returns it (own or effective). */
export interface ApiParameterValue {
  parameter_id: number;
  value: number | string;
  unit_id: number | null;
  inheritable: boolean;
}

export function blankValueRow(): ValueRow {
  return { key: nextRowKey(), parameter_id: '', value: '', valueType: 'number', unit_id: '', inheritable: true };
}

export function valueRowOf(v: ApiParameterValue): ValueRow {
  return {
    key: nextRowKey(),
    parameter_id: String(v.parameter_id),
    value: String(v.value),
    valueType: typeof v.value === 'number' ? 'number' : 'text',
    unit_id: v.unit_id === null ? '' : String(v.unit_id),
    inheritable: v.inheritable,
  };
}

export function valueRowsOf(value: unknown): ValueRow[] {
  return Array.isArray(value) ? (value as ApiParameterValue[]).map(valueRowOf) : [];
}

/** The rows as the API's `parameter_values`, with what is missing or not a number named per cell. */
export function valueRowsToBody(rows: ValueRow[]): { value: unknown; errors: SubErrors } {
  const errors: SubErrors = {};
  const value = rows.map((r, i) => {
    if (r.parameter_id === '') errors[`${i}.parameter_id`] = 'choose a parameter';
    const number = parseNumber(r.value);
    if (r.value.trim() === '') errors[`${i}.value`] = 'enter a value';
    else if (r.valueType === 'number' && !Number.isFinite(number)) errors[`${i}.value`] = 'expected a number';
    return {
      parameter_id: Number(r.parameter_id),
      value: r.valueType === 'number' ? number : r.value.trim(),
      unit_id: parseNumber(r.unit_id),
      inheritable: r.inheritable,
    };
  });
  return { value, errors };
}
