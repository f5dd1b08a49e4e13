import { ParseError, type ParsedColumn, type ParseInput, type ParseResult, type ParseWarning, type TablePlan } from '../cycler-parser.js';
import { toParsedColumn } from './parsed-column.js';
import { readTable } from './table-reader.js';
import type { FieldReader, ReadTableOptions, TableField, TableReader } from './table-reader.js';

/** One column to read: where it is, what it is called, what it becomes. */
export interface PlannedColumn {
  index: number;
  originalName: string;
  originalUnit: string | null;
  /** Canonical BDF name, or null to keep the original header. */
  canonical: string | null;
  /** Reader for non-numeric text (dates, durations, letters); absent = number. */
  read?: FieldReader;
  /** Unparsable text gives NaN instead of an error (columns we do not interpret). */
  lenient?: boolean;
  /** Unit of the values once read, when the reader already converted them (durations → 's'). */
  valueUnit?: string;
}

/** Reads the planned columns of a delimited table; values are as written (no unit conversion yet). */
export function readPlannedTable(plan: PlannedColumn[], opts: Omit<ReadTableOptions, 'fields'>): { rows: number; values: Float64Array[]; warnings: ParseWarning[] } {
  const table = readTable({ ...opts, fields: plan.map(tableFieldOf) });
  return { rows: table.rows, values: table.columns, warnings: table.warnings };
}

/** readPlannedTable through the caller's table reader (ParseInput.readTable: worker threads), else in this thread. */
export async function readPlannedTableWith(
  reader: TableReader | undefined, plan: PlannedColumn[], opts: Omit<ReadTableOptions, 'fields'>,
): Promise<{ rows: number; values: Float64Array[]; warnings: ParseWarning[] }> {
  if (!reader) return readPlannedTable(plan, opts);
  const table = await reader({ ...opts, fields: plan.map(tableFieldOf) });
  return { rows: table.rows, values: table.columns, warnings: table.warnings };
}

/** The scanner's field for a planned column. */
export function tableFieldOf(c: PlannedColumn): TableField {
  return { index: c.index, name: c.originalName, read: c.read, lenient: c.lenient };
}

/**
 * Converts planned columns to ParsedColumns (canonical units); drops columns that are all NaN and not
 * canonical. A batch of a bigger table passes `hasValues` (per planned column, over the whole file) so
 * every batch keeps the same columns.
 */
export function toParsedColumns(plan: PlannedColumn[], values: Float64Array[], warnings: ParseWarning[], hasValues?: readonly boolean[]): ParsedColumn[] {
  const out: ParsedColumn[] = [];
  const used = new Set<string>();
  plan.forEach((c, k) => {
    if (!c.canonical && !(hasValues ? hasValues[k] : hasValue(values[k]))) return;
    // A second column claiming a canonical name keeps its own header instead.
    const canonical = c.canonical && !used.has(c.canonical) ? c.canonical : null;
    if (canonical) used.add(canonical);
    const column = toParsedColumn(values[k], c.originalName, c.valueUnit ?? c.originalUnit, canonical, warnings);
    out.push({ ...column, originalUnit: c.originalUnit });
  });
  return out;
}

/** The parsed columns a plan gives for these values of its planned columns: its `toColumns`, else toParsedColumns. */
export function parsedColumnsOf(plan: Pick<TablePlan, 'columns' | 'toColumns'>, values: Float64Array[], warnings: ParseWarning[], hasValues?: readonly boolean[]): ParsedColumn[] {
  return plan.toColumns ? plan.toColumns(values, warnings, hasValues) : toParsedColumns(plan.columns, values, warnings, hasValues);
}

export interface PlannedTableOptions {
  /**
   * A table with a header and no rows: a ParseError with this message (default 'no data rows after the
   * header'), or null for a result without rows (what some formats' `parse` has always given).
   */
  noRowsMessage?: string | null;
}

/** Reads a whole file through its table plan: the same columns the streaming reader gives in batches (src/parsers/stream/). */
export async function parsePlannedTable(given: TablePlan, input: ParseInput, opts: PlannedTableOptions = {}): Promise<ParseResult> {
  const { plan, value: table } = await readDroppingBadColumns(given, (plan) => readPlannedTableWith(input.readTable, plan.columns, {
    ...plan.syntax, format: plan.format, fileName: input.fileName, bytes: input.bytes, start: plan.dataStart,
    firstLineNumber: plan.dataLine, onProgress: input.onProgress,
  }));
  return plannedTableResult(plan, input.fileName, table, opts);
}

/**
 * `read(plan)`, read again without each column whose field does not read while the plan can leave it out
 * (TablePlan.dropColumn); the plan that was read with, and what `read` gave. Other errors go through.
 */
export async function readDroppingBadColumns<T>(given: TablePlan, read: (plan: TablePlan) => Promise<T>): Promise<{ plan: TablePlan; value: T }> {
  let plan = given;
  for (;;) {
    try {
      return { plan, value: await read(plan) };
    } catch (err) {
      const next = err instanceof ParseError && err.field !== undefined && plan.dropColumn ? plan.dropColumn(err) : null;
      if (!next || next.columns.length >= plan.columns.length) throw err;
      plan = next;
    }
  }
}

/** The parse result of a plan's table once its rows are read (from the file's bytes, or from the file in pieces). */
export function plannedTableResult(
  plan: TablePlan, fileName: string, { rows, values, warnings }: { rows: number; values: Float64Array[]; warnings: ParseWarning[] }, opts: PlannedTableOptions = {},
): ParseResult {
  if (rows === 0 && opts.noRowsMessage !== null) throw noDataRows(plan, fileName, opts.noRowsMessage);
  const out = { metadata: { ...plan.metadata }, warnings: [...plan.warnings, ...warnings] };
  const columns = parsedColumnsOf(plan, values, out.warnings);
  plan.complete?.((name) => firstFinite(columns.find((c) => c.name === name)?.values), out);
  return { format: plan.format, parserVersion: plan.parserVersion, rows, columns, ...out, counters: plan.counters };
}

/** The error for a table with a header and no rows. */
export function noDataRows(plan: Pick<TablePlan, 'format' | 'dataLine'>, fileName: string, message = 'no data rows after the header'): ParseError {
  return new ParseError({ format: plan.format, fileName, line: plan.dataLine, message });
}

/** The first finite value, or NaN (none, or no array). */
export function firstFinite(values: Float64Array | undefined): number {
  if (values) for (let i = 0; i < values.length; i++) if (values[i] === values[i]) return values[i];
  return NaN;
}

function hasValue(v: Float64Array): boolean {
  return firstFinite(v) === firstFinite(v);
}
