import type { ParsedColumn, ParseResult } from '../cycler-parser.js';

/** The column with this canonical name, or undefined. */
export function findColumn(result: Pick<ParseResult, 'columns'>, name: string): ParsedColumn | undefined {
  return result.columns.find((c) => c.name === name);
}

/** The values of the column, or undefined when it is absent or holds no finite value. */
export function findValues(result: Pick<ParseResult, 'columns'>, name: string): Float64Array | undefined {
  const col = findColumn(result, name);
  if (!col) return undefined;
  const v = col.values;
  for (let i = 0; i < v.length; i++) if (v[i] === v[i]) return v;
  return undefined;
}

/** A column derived by normalisation (no original header in the file). */
export function derivedColumn(name: string, unit: string, values: Float64Array): ParsedColumn {
  return { name, unit, originalName: name, originalUnit: null, values };
}

/** Replaces the column of that name (keeping its position), or appends it. */
export function putColumn(columns: ParsedColumn[], column: ParsedColumn): void {
  const i = columns.findIndex((c) => c.name === column.name);
  if (i >= 0) columns[i] = column;
  else columns.push(column);
}
