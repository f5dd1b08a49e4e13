import { plausibleBoundOf, type PlausibleBound } from '../../domain/plausible-bounds.js';
import { ParseError, type ParsedColumn, type ParseWarning } from '../cycler-parser.js';

/** Where a binary parser's rows come from, for naming the first bad one. */
export interface RowSource {
  format: string;
  fileName: string;
  /** Byte offset of row `row` (0-based) in the file; undefined when the format cannot tell (a database). */
  byteOf(row: number): number | undefined;
  /** Columns where NaN means "no value" rather than corrupt bytes (aux channels joined by index, nullable fields). */
  allowsMissing?(column: string): boolean;
  /** Names the row in messages when there is no byte offset (e.g. 'Data_Point 17'). */
  describeRow?(row: number): string;
}

/** The first bad value found, in row order. */
export interface ImplausibleValue {
  row: number;
  column: string;
  value: number;
  bound: PlausibleBound;
}

/** First row holding a non-finite (or, unless allowed, missing) or physically implausible value. */
export function findImplausibleValue(src: RowSource, columns: readonly ParsedColumn[], rows: number): ImplausibleValue | null {
  let first: ImplausibleValue | null = null;
  for (const c of columns) {
    const bound = plausibleBoundOf(c.name, c.unit);
    const nanOk = src.allowsMissing?.(c.name) ?? false;
    const limit = first ? first.row : rows;
    const v = c.values;
    for (let i = 0; i < limit; i++) {
      const x = v[i];
      if (x >= bound.min && x <= bound.max) continue;
      if (nanOk && Number.isNaN(x)) continue;
      first = { row: i, column: c.name, value: x, bound };
      break;
    }
  }
  return first;
}

/** The shared wording of a cut: `truncated at row N (byte B): why`, N = the last row kept (1-based). */
export function truncationWarning(rowsKept: number, byte: number | undefined, reason: string): ParseWarning {
  const at = byte === undefined ? '' : ` (byte ${byte})`;
  return { code: 'TRUNCATED', message: `truncated at row ${rowsKept}${at}: ${reason}`, byte };
}

function describe(bad: ImplausibleValue): string {
  const { bound } = bad;
  const range = `${bound.min} … ${bound.max}${bound.unit ? ` ${bound.unit}` : ''}`;
  return Number.isFinite(bad.value)
    ? `${bad.column} = ${bad.value}, outside the plausible ${bound.quantity} range ${range} (corrupt bytes)`
    : `${bad.column} = ${bad.value}, not a number (corrupt bytes)`;
}

/**
 * Keeps only the clean prefix of a binary parser's rows. A bad value in the first row fails the
 * file (a ParseError naming the file, byte offset and field); a bad value later cuts every column
 * just before its row and adds a `truncated at row N (byte B)` warning. Returns the rows kept.
 */
export function keepPlausiblePrefix(src: RowSource, columns: ParsedColumn[], rows: number, warnings: ParseWarning[]): number {
  const bad = findImplausibleValue(src, columns, rows);
  if (!bad) return rows;
  const byte = src.byteOf(bad.row);
  const where = byte === undefined && src.describeRow ? ` (${src.describeRow(bad.row)})` : '';
  if (bad.row === 0) {
    throw new ParseError({ format: src.format, fileName: src.fileName, byte: byte ?? 0, field: bad.column, message: `first record${where}: ${describe(bad)}` });
  }
  for (const c of columns) c.values = c.values.slice(0, bad.row);
  warnings.push(truncationWarning(bad.row, byte, `the next record${where} has ${describe(bad)}; the ${bad.row} rows before it are kept`));
  return bad.row;
}
