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
