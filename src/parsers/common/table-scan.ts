import { latin1Slice } from './decode-text.js';
import { createRowKernel } from './row-kernel/row-kernel.js';
import { scanGeneralNumber, scanNumber, scanPlainNumber } from './fast-number.js';
import type { ScanCursor } from './fast-number.js';
import type { TableField } from './table-reader.js';

/** Delimiter and number format of a table's rows. */
export interface TableSyntax {
  /** Delimiter byte: 9 (tab), 44 (','), 59 (';'). */
  delimiter: number;
  decimalComma: boolean;
  /** Field texts that mean "no value" (compared case-insensitively after trimming). */
  missingTokens?: string[];
}

/**
 * The rows of one byte range of a table. Plain data (no functions) so a worker thread can send it
 * back; line numbers are counted from 0 at the range's first line, so ranges read apart can be
 * joined by adding the lines of the ranges before.
 */
export interface TableChunk {
  rows: number;
  /** Lines consumed (rows, blank lines), i.e. the line number just past the range. */
  lines: number;
  /** One array per field, exactly `rows` long. */
  columns: Float64Array[];
  shortRows: number;
  firstShortLine: number;
  /** The first field that did not read; rows before it are in `columns`. */
  error?: { line: number; slot: number; text: string };
}

const DEFAULT_MISSING = ['n/a', 'na', 'nan', '-', '#n/a', 'null', 'none', '--'];
const LF = 10;
const SPACE = 32;
const CR = 13;
const TAB = 9;
const QUOTE = 34;

/** Reads the rows of a table in steps, so the caller can hand out the rest of the rows meanwhile. */
export interface RangeScanner {
  /** Byte offset of the next row. */
  readonly pos: number;
  /** Reads the rows that start before `stop` (a row start, or the end); false once a field did not read. */
  scanTo(stop: number): boolean;
  /** The rows read so far. */
  finish(): TableChunk;
  /**
   * The rows read since the last take (lines counted from there), as views of the scanner's own columns:
   * valid until the next scan, which writes over them (a reader that hands out one batch at a time).
   */
  takeRows(): TableChunk;
  /**
   * Goes on in new bytes: the rows that start at `start` of `bytes`, up to `end` (the end of the data or the
   * byte after a line feed), are appended to the same columns and line count (a file read in pieces).
   */
  refill(bytes: Uint8Array, start: number, end: number): void;
}

/**
 * A scanner of delimited numeric rows from `start` on, straight from bytes into Float64Arrays:
 * no per-row strings. Blank lines are skipped, short lines leave NaN in the missing columns, and
 * a text that is neither a number nor a known "missing" token in a strict column stops the scan
 * with `error` set. `end` is the end of the data. With `reserveRows` the columns are allocated
 * for that many rows and kept that long (views of longer buffers), so the rows of later ranges can
 * be appended without new arrays (see joinTableChunks); otherwise a large unused end is trimmed.
 * The row kernel (row-kernel/, WebAssembly) reads the plain rows first and this scanner each row it
 * stops at, with the same values (row-kernel.test.ts); `useKernel` false reads every row here.
 */
export function createRangeScanner(
  syntax: TableSyntax, fields: readonly TableField[], bytes: Uint8Array, start: number, end: number, reserveRows?: number, useKernel = true,
): RangeScanner {
  let maxIndex = 0;
  for (const f of fields) maxIndex = Math.max(maxIndex, f.index);
  const slotOf = new Int32Array(maxIndex + 1).fill(-1);
  fields.forEach((f, k) => { slotOf[f.index] = k; });
  const kinds = new Uint8Array(fields.map((f) => (f.read ? KIND_READER : KIND_NUMBER) | (f.lenient ? LENIENT : 0)));
  const noReader = (): number => NaN;
  const s: ScanState = {
    bytes, end, delimiter: syntax.delimiter, decimalSep: syntax.decimalComma ? 44 : 46, blankTab: syntax.delimiter !== TAB,
    slotOf, kinds, readers: fields.map((f) => f.read ?? noReader), slotIndex: Int32Array.from(fields, (f) => f.index),
    maxIndex, columns: [], capacity: reserveRows ?? estimateRows(bytes, start, end), row: 0, line: 0, pos: start,
    cursor: { pos: 0 }, errorField: -1, errorStart: 0, errorEnd: 0, shortRows: 0, firstShortLine: 0,
    missing: new Set((syntax.missingTokens ?? DEFAULT_MISSING).map((t) => t.toLowerCase())),
  };
  s.columns = fields.map(() => new Float64Array(s.capacity));
  const kernel = useKernel
    ? createRowKernel(syntax.delimiter, syntax.decimalComma, fields, (b, from, to, slot) => (kinds[slot] & LENIENT) === 0 && !isMissing(b, from, to, s.missing))
    : undefined;
  // Kernel calls in a row that took few rows: past MAX_POOR_CALLS the rows are not plain, and this scanner reads them alone.
  let poorCalls = 0;
  let error: TableChunk['error'];
  return {
    get pos() { return s.pos; },
    scanTo(stop) {
      while (!error && s.pos < stop) {
        let status: number;
        if (kernel && poorCalls < MAX_POOR_CALLS && s.row < s.capacity) {
          const taken = kernel.scan(s.bytes, s.pos, s.end, stop, s.columns, s.row, s.capacity - s.row);
          s.row += taken.rows;
          s.line += taken.rows;
          s.pos = taken.next;
          poorCalls = taken.rows < POOR_CALL_ROWS ? poorCalls + 1 : 0;
          if (s.pos >= stop) break;
          // The row the kernel stopped at (or the next, when it stopped for room): read here, with every rule.
          status = scanRows(s, s.pos + 1);
        } else {
          status = scanRows(s, stop);
        }
        if (status === SCAN_ERROR) {
          const [a, b] = trimField(s.bytes, s.errorStart, s.errorEnd);
          error = { line: s.line, slot: slotOf[s.errorField], text: latin1Slice(s.bytes, a, Math.min(b, a + 40)) };
        } else if (status === SCAN_FULL) {
          s.capacity *= 2;
          s.columns = s.columns.map((c) => { const g = new Float64Array(s.capacity); g.set(c); return g; });
        }
      }
      return !error;
    },
    finish() {
      const rows = s.row;
      const trim = reserveRows === undefined && rows * 4 < s.capacity * 3;
      const columns = s.columns.map((c) => (trim ? c.slice(0, rows) : c.subarray(0, rows)));
      return { rows, lines: s.line, columns, shortRows: s.shortRows, firstShortLine: s.firstShortLine, error };
    },
    takeRows() {
      const chunk = { rows: s.row, lines: s.line, columns: s.columns.map((c) => c.subarray(0, s.row)), shortRows: s.shortRows, firstShortLine: s.firstShortLine, error };
      s.row = 0;
      s.line = 0;
      s.shortRows = 0;
      s.firstShortLine = 0;
      return chunk;
    },
    refill(next, start, end) {
      kernel?.invalidate();
      s.bytes = next;
      s.pos = start;
      s.end = end;
    },
  };
}

/** All rows of bytes [start, end) (`end`: the end of the data or the byte after a line feed) in one chunk. */
export function scanTableRange(
  syntax: TableSyntax, fields: readonly TableField[], bytes: Uint8Array, start: number, end: number,
  onProgress?: (fraction: number) => void,
): TableChunk {
  const scanner = createRangeScanner(syntax, fields, bytes, start, end);
  const step = 1 << 22;
  while (scanner.pos < end && scanner.scanTo(Math.min(end, scanner.pos + step))) {
    if (scanner.pos < end) onProgress?.((scanner.pos - start) / (end - start));
  }
  return scanner.finish();
}

/** A kernel call that took fewer rows than this counts as poor; after MAX_POOR_CALLS of them in a row the kernel is left out. */
const POOR_CALL_ROWS = 64;
const MAX_POOR_CALLS = 8;
const KIND_NUMBER = 0;
const KIND_READER = 1;
const LENIENT = 2;
const SCAN_DONE = 0;
const SCAN_FULL = 1;
const SCAN_ERROR = 2;

/** All state of the row scanner in one object so the hot loop has no closures. */
interface ScanState {
  bytes: Uint8Array;
  end: number;
  delimiter: number;
  decimalSep: number;
  blankTab: boolean;
  slotOf: Int32Array;
  kinds: Uint8Array;
  readers: ((bytes: Uint8Array, start: number, end: number) => number)[];
  slotIndex: Int32Array;
  maxIndex: number;
  columns: Float64Array[];
  capacity: number;
  row: number;
  line: number;
  /** Start of the next row. */
  pos: number;
  cursor: ScanCursor;
  errorField: number;
  errorStart: number;
  errorEnd: number;
  shortRows: number;
  firstShortLine: number;
  /** Lower-case texts that mean "no value" ('n/a', 'nan' ...). */
  missing: Set<string>;
}

/**
 * Reads rows from s.pos until `stop` (rows starting before it are finished), the columns are
 * full (SCAN_FULL) or a field does not parse (SCAN_ERROR, with errorField/Start/End set).
 */
function scanRows(s: ScanState, stop: number): number {
  const { bytes, end, delimiter, decimalSep, blankTab, slotOf, kinds, readers, slotIndex, maxIndex, cursor } = s;
  const columns = s.columns;
  const nSlots = columns.length;
  let p = s.pos;
  let row = s.row;
  let line = s.line;
  // The state is written back at the top of every row, not after the loop: code compiled while
  // the loop runs (on-stack replacement) has no feedback for stores that were never reached,
  // and would deoptimise at the end of every call — back to the interpreter for the next.
  for (;;) {
    s.pos = p;
    s.row = row;
    s.line = line;
    if (p >= stop) return SCAN_DONE;
    let field = 0;
    let pos = p;
    let q = p;
    while (q < end && (bytes[q] === SPACE || bytes[q] === CR || (blankTab && bytes[q] === TAB))) q++;
    if (q >= end) { p = end; continue; }
    if (bytes[q] === LF) { p = q + 1; line++; continue; }
    if (row === s.capacity) return SCAN_FULL;
    for (;;) {
      if (blankTab) while (pos < end && bytes[pos] === TAB) pos++;
      const slot = field <= maxIndex ? slotOf[field] : -1;
      if (slot >= 0) {
        const kind = kinds[slot];
        const column = columns[slot];
        let e: number;
        // Each branch stores its own value and the check reads it back from the column: a value
        // merged from a call's result and an inlined double would be boxed for every field.
        if ((kind & KIND_READER) === 0) {
          const plain = scanPlainNumber(bytes, pos, end, decimalSep, cursor);
          e = cursor.pos;
          // The bulk of every file: a plain number and the delimiter right after it (a number, so no check).
          if (e >= 0 && e < end && bytes[e] === delimiter) {
            column[row] = plain;
            pos = e + 1;
            field++;
            continue;
          }
          if (e >= 0) column[row] = plain;
          else column[row] = scanGeneralNumber(bytes, pos, end, decimalSep, cursor);
          e = cursor.pos;
          // Usually the delimiter follows at once; otherwise blanks, a line end, or a quoted or bad value.
          if (e < end && bytes[e] !== delimiter) {
            while (e < end && (bytes[e] === SPACE || bytes[e] === CR || (blankTab && bytes[e] === TAB))) e++;
            if (e < end && bytes[e] !== delimiter && bytes[e] !== LF) {
              e = fieldEnd(bytes, pos, end, delimiter);
              column[row] = quotedNumber(bytes, pos, e, decimalSep, cursor);
            }
          }
        } else {
          e = fieldEnd(bytes, pos, end, delimiter);
          let a = pos;
          let b = e;
          while (a < b && (bytes[a] === SPACE || bytes[a] === TAB || bytes[a] === QUOTE)) a++;
          while (b > a && (bytes[b - 1] === SPACE || bytes[b - 1] === CR || bytes[b - 1] === TAB || bytes[b - 1] === QUOTE)) b--;
          column[row] = a < b ? readers[slot](bytes, a, b) : NaN;
        }
        const v = column[row];
        if (v !== v && (kind & LENIENT) === 0 && !isMissing(bytes, pos, e, s.missing)) {
          s.errorField = field; s.errorStart = pos; s.errorEnd = e;
          return SCAN_ERROR;
        }
        pos = e;
      } else {
        pos = fieldEnd(bytes, pos, end, delimiter);
      }
      if (pos >= end || bytes[pos] === LF) break;
      pos++;
      field++;
    }
    if (field < maxIndex) {
      for (let k = 0; k < nSlots; k++) if (slotIndex[k] > field) columns[k][row] = NaN;
      if (s.shortRows++ === 0) s.firstShortLine = line;
    }
    row++;
    line++;
    p = pos + 1;
  }
}

/** Rows in bytes [start, end), estimated from the first lines (plus 5 %), for preallocating columns. */
export function estimateRows(bytes: Uint8Array, start: number, end: number): number {
  let q = start;
  let lines = 0;
  while (q < end && lines < 20) { if (bytes[q] === LF) lines++; q++; }
  const perLine = lines > 0 ? (q - start) / lines : 64;
  return Math.max(64, Math.ceil(((end - start) / Math.max(8, perLine)) * 1.05) + 16);
}

/** Index of the delimiter or LF (or end) that closes the field starting at `pos`; honours quotes. */
export function fieldEnd(bytes: Uint8Array, pos: number, end: number, delimiter: number): number {
  let p = pos;
  while (p < end && bytes[p] === SPACE) p++;
  if (p < end && bytes[p] === QUOTE) {
    p++;
    while (p < end && !(bytes[p] === QUOTE && bytes[p + 1] !== QUOTE)) p += bytes[p] === QUOTE ? 2 : 1;
    p++;
  }
  while (p < end && bytes[p] !== delimiter && bytes[p] !== LF) p++;
  return p;
}

/** Field bounds without blanks, CR and surrounding quotes. */
export function trimField(bytes: Uint8Array, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && (bytes[s] === SPACE || bytes[s] === TAB)) s++;
  while (e > s && (bytes[e - 1] === SPACE || bytes[e - 1] === CR || bytes[e - 1] === TAB)) e--;
  if (e - s >= 2 && bytes[s] === QUOTE && bytes[e - 1] === QUOTE) { s++; e--; }
  return [s, e];
}

/** A number written with quotes or surrounding blanks ('"3"'); NaN for anything else. */
function quotedNumber(bytes: Uint8Array, start: number, end: number, decimalSep: number, cursor: ScanCursor): number {
  const [s, e] = trimField(bytes, start, end);
  if (s >= e) return NaN;
  const v = scanNumber(bytes, s, e, decimalSep, cursor);
  return cursor.pos === e ? v : NaN;
}

function isMissing(bytes: Uint8Array, start: number, end: number, missing: Set<string>): boolean {
  const [s, e] = trimField(bytes, start, end);
  return s >= e || missing.has(latin1Slice(bytes, s, e).toLowerCase());
}
