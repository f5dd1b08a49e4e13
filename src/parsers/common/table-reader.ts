import { ParseError } from '../cycler-parser.js';
import type { ParseWarning } from '../cycler-parser.js';
import { scanTableRange } from './table-scan.js';
import type { TableChunk, TableSyntax } from './table-scan.js';

/** Names a field reader so that a worker thread can build the same one (src/parsers/parallel/field-readers.ts). */
export interface FieldReaderRef {
  id: string;
  /** The one plain argument of the reader's factory (a date order ...). */
  arg?: string;
}

/** Reads one non-numeric field (a date, a duration, a state letter) as a number; NaN = not parsable. */
export type FieldReader = ((bytes: Uint8Array, start: number, end: number) => number) & { ref?: FieldReaderRef };

/** A reader tagged with the factory id (and argument) a worker thread rebuilds it from. */
export function namedFieldReader(ref: FieldReaderRef, read: (bytes: Uint8Array, start: number, end: number) => number): FieldReader {
  const named: FieldReader = (bytes, start, end) => read(bytes, start, end);
  named.ref = ref;
  return named;
}

export interface TableField {
  /** 0-based position of the field in the line. */
  index: number;
  /** Header text, for error messages. */
  name: string;
  /** Absent = a plain number, parsed in place. A reader without `ref` keeps the table on one thread. */
  read?: FieldReader;
  /** Text that is not a value gives NaN instead of an error (unrecognised vendor columns). */
  lenient?: boolean;
}

export interface ReadTableOptions extends TableSyntax {
  format: string;
  fileName: string;
  bytes: Uint8Array;
  /** Byte offset of the first data line. */
  start: number;
  end?: number;
  /** 1-based line number of the line at `start`, for errors. */
  firstLineNumber: number;
  fields: TableField[];
  onProgress?: (fraction: number) => void;
}

export interface TableResult {
  rows: number;
  /** One array per entry of `fields`, in the same order. */
  columns: Float64Array[];
  warnings: ParseWarning[];
}

/**
 * Reads a table, maybe on several threads; gives exactly what readTable gives (values, errors,
 * warnings). Callers hand one to parsers through ParseInput.readTable.
 */
export type TableReader = (opts: ReadTableOptions) => Promise<TableResult>;

/**
 * Reads delimited numeric rows straight from bytes into Float64Arrays: one pass, no per-row
 * strings. Blank lines are skipped, short lines leave NaN in the missing columns, and a text
 * that is neither a number nor a known "missing" token in a numeric column throws a ParseError
 * naming the line and the column.
 */
export function readTable(opts: ReadTableOptions): TableResult {
  const chunk = scanTableRange(opts, opts.fields, opts.bytes, opts.start, opts.end ?? opts.bytes.length, opts.onProgress);
  return joinTableChunks(opts, [chunk]);
}

/**
 * Joins the chunks of consecutive byte ranges (in file order) into one result: the first error
 * in file order becomes a ParseError with its absolute line number, short-row counts add up.
 * The rows are appended to the first chunk's buffers when they have room (createRangeScanner's reserveRows).
 */
export function joinTableChunks(opts: Pick<ReadTableOptions, 'format' | 'fileName' | 'firstLineNumber' | 'fields'>, chunks: TableChunk[]): TableResult {
  let line = opts.firstLineNumber;
  let shortRows = 0;
  let firstShortLine = 0;
  for (const c of chunks) {
    if (c.error) {
      const field = opts.fields[c.error.slot];
      throw new ParseError({
        format: opts.format, fileName: opts.fileName, line: line + c.error.line, field: field.name,
        message: `${field.read ? 'cannot read value' : 'not a number'}: '${c.error.text}'`,
      });
    }
    if (c.shortRows > 0 && shortRows === 0) firstShortLine = line + c.firstShortLine;
    shortRows += c.shortRows;
    line += c.lines;
  }
  const warnings: ParseWarning[] = [];
  if (shortRows > 0) {
    warnings.push({ code: 'short-rows', line: firstShortLine, message: `${shortRows} row(s) have fewer fields than the header (first at line ${firstShortLine}); missing values left empty` });
  }
  if (chunks.length === 1) return { rows: chunks[0].rows, columns: chunks[0].columns, warnings };
  const rows = chunks.reduce((n, c) => n + c.rows, 0);
  const columns = chunks[0].columns.map((head, k) => {
    const roomy = head.byteOffset === 0 && head.buffer.byteLength >= rows * 8;
    const out = roomy ? new Float64Array(head.buffer, 0, rows) : new Float64Array(rows);
    let at = 0;
    for (const c of chunks) {
      if (!(roomy && c === chunks[0])) out.set(c.columns[k], at);
      at += c.rows;
    }
    return out;
  });
  return { rows, columns, warnings };
}
