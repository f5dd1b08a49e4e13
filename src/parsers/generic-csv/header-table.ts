import { ParseError, type ParsedColumn, type ParseWarning } from '../cycler-parser.js';
import { readPlannedTable, toParsedColumns, type PlannedColumn } from '../common/column-plan.js';
import { describeDelimitedTable, isNumericField, type DelimitedLayout } from '../common/delimited-header.js';
import type { DateOrder } from '../common/date-time.js';
import type { Delimiter } from '../common/delimiter.js';
import type { HeaderCell } from '../common/header-columns.js';
import { dateTimeReader } from '../common/named-readers.js';
import type { FieldReader } from '../common/table-reader.js';
import type { TableSyntax } from '../common/table-scan.js';
import { readHeadLines, type TextLine } from '../common/text-lines.js';

/** How one header cell is read: a canonical column with the unit the file uses, or a date-time. */
export interface CellPlan {
  canonical: string | null;
  unit: string | null;
  /** Read the field as a date-time (epoch seconds, local clock as UTC). */
  dateTime?: DateOrder;
  /** Read a text field with this reader (lenient: unreadable text gives NaN). */
  read?: FieldReader;
  /** Name for the column instead of the header text. */
  name?: string;
}

export interface HeaderTableOptions {
  format: string;
  fileName: string;
  bytes: Uint8Array;
  /** Picks the header line among the first lines. */
  isHeader: (text: string, line: TextLine) => boolean;
  /** Plan for a header cell; 'skip' drops it; null = not canonical, kept as is when numeric. */
  planCell: (cell: HeaderCell, index: number) => CellPlan | 'skip' | null;
  delimiter?: Delimiter;
  /** Force the decimal separator instead of sniffing it from the data lines. */
  decimalComma?: boolean;
  /** Split 'Ewe/V' style headers. */
  slash?: boolean;
  /** Lines between the header and the data (a separate unit line) to skip. */
  skipAfterHeader?: number;
  /** Bytes where the table ends (the next section of a multi-block file). */
  end?: number;
  /** Lines to search for the header in. */
  lines?: TextLine[];
  onProgress?: (fraction: number) => void;
}

export interface HeaderTable {
  rows: number;
  columns: ParsedColumn[];
  warnings: ParseWarning[];
  layout: DelimitedLayout;
  header: TextLine;
  lines: TextLine[];
}

/** Where a table under a one-line header is and what to read from it: the makings of a TablePlan. */
export interface HeaderTablePlan {
  columns: PlannedColumn[];
  syntax: TableSyntax;
  /** Byte offset and 1-based line number of the first data line. */
  dataStart: number;
  dataLine: number;
  layout: DelimitedLayout;
  header: TextLine;
  lines: TextLine[];
}

/**
 * Finds the header among the first lines of `opts.bytes` (the whole file or its head) and plans each
 * column: canonical name + unit, date-time, kept numeric, or skipped text.
 */
export function planHeaderTable(opts: Omit<HeaderTableOptions, 'end' | 'onProgress'>): HeaderTablePlan {
  const lines = opts.lines ?? readHeadLines(opts.bytes, 400);
  const header = lines.find((l) => opts.isHeader(l.text, l));
  if (!header) throw new ParseError({ format: opts.format, fileName: opts.fileName, line: 1, message: 'header line not found' });
  const layout = describeDelimitedTable(lines, header, { slash: opts.slash, delimiter: opts.delimiter });
  const columns: PlannedColumn[] = [];
  layout.cells.forEach((cell, index) => {
    if (cell.text === '') return;
    const p = opts.planCell(cell, index);
    if (p === 'skip') return;
    if (p?.dateTime) {
      columns.push({ index, originalName: cell.text, originalUnit: null, canonical: p.canonical, lenient: true, valueUnit: 's', read: dateTimeReader(p.dateTime) });
    } else if (p?.read) {
      columns.push({ index, originalName: p.name ?? cell.text, originalUnit: p.unit, canonical: p.canonical, lenient: true, read: p.read });
    } else if (p) {
      columns.push({ index, originalName: cell.text, originalUnit: p.unit, canonical: p.canonical });
    } else if (isNumericField(layout.samples, index, layout.decimalComma)) {
      columns.push({ index, originalName: cell.name, originalUnit: cell.unit, canonical: null, lenient: true });
    }
  });
  const skip = opts.skipAfterHeader ?? 0;
  const firstData = skip > 0 ? lines[header.number - 1 + skip] : header;
  if (!firstData) throw new ParseError({ format: opts.format, fileName: opts.fileName, line: header.number, message: 'file ends after the header' });
  return {
    columns,
    syntax: { delimiter: layout.delimiterByte, decimalComma: opts.decimalComma ?? layout.decimalComma },
    dataStart: firstData.next,
    dataLine: firstData.number + 1,
    layout,
    header,
    lines,
  };
}

/**
 * Reads a delimited table under a one-line header (planHeaderTable) with the shared byte-level table
 * reader. Units are converted to canonical ones.
 */
export function readHeaderTable(opts: HeaderTableOptions): HeaderTable {
  const { columns: plan, syntax, dataStart, dataLine, layout, header, lines } = planHeaderTable(opts);
  const table = readPlannedTable(plan, {
    ...syntax,
    format: opts.format,
    fileName: opts.fileName,
    bytes: opts.bytes,
    start: dataStart,
    end: opts.end,
    firstLineNumber: dataLine,
    onProgress: opts.onProgress,
  });
  const warnings = [...table.warnings];
  const columns = toParsedColumns(plan, table.values, warnings);
  return { rows: table.rows, columns, warnings, layout, header, lines };
}
