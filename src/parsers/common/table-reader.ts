import { ParseError } from '../cycler-parser.js';
import type { ParseWarning } from '../cycler-parser.js';
import { latin1Slice } from './decode-text.js';
import { scanNumber } from './fast-number.js';
import type { ScanCursor } from './fast-number.js';

/** Reads one non-numeric field (a date, a duration, a state letter) as a number; NaN = not parsable. */
export type FieldReader = (bytes: Uint8Array, start: number, end: number) => number;

export interface TableField {
  /** 0-based position of the field in the line. */
  index: number;
  /** Header text, for error messages. */
  name: string;
  /** Absent = a plain number, parsed in place. */
  read?: FieldReader;
  /** Text that is not a value gives NaN instead of an error (unrecognised vendor columns). */
  lenient?: boolean;
}

export interface ReadTableOptions {
  format: string;
  fileName: string;
  bytes: Uint8Array;
  /** Byte offset of the first data line. */
  start: number;
  end?: number;
  /** 1-based line number of the line at `start`, for errors. */
  firstLineNumber: number;
  /** Delimiter byte: 9 (tab), 44 (','), 59 (';'). */
  delimiter: number;
  decimalComma: boolean;
  fields: TableField[];
  /** Field texts that mean "no value" (compared case-insensitively after trimming). */
  missingTokens?: string[];
  onProgress?: (fraction: number) => void;
}

export interface TableResult {
  rows: number;
  /** One array per entry of `fields`, in the same order. */
  columns: Float64Array[];
  warnings: ParseWarning[];
}

const DEFAULT_MISSING = ['n/a', 'na', 'nan', '-', '#n/a', 'null', 'none', '--'];
const LF = 10;
const SPACE = 32;
const CR = 13;
const TAB = 9;
const QUOTE = 34;

/**
 * Reads delimited numeric rows straight from bytes into Float64Arrays: one pass, no per-row
 * strings. Blank lines are skipped, short lines leave NaN in the missing columns, and a text
 * that is neither a number nor a known "missing" token in a numeric column throws a ParseError
 * naming the line and the column.
 */
export function readTable(opts: ReadTableOptions): TableResult {
  const { bytes, delimiter, fields } = opts;
  const end = opts.end ?? bytes.length;
  const decimalSep = opts.decimalComma ? 44 : 46;
  const missing = new Set((opts.missingTokens ?? DEFAULT_MISSING).map((t) => t.toLowerCase()));
  const blankTab = delimiter !== TAB;
  let maxIndex = 0;
  for (const f of fields) maxIndex = Math.max(maxIndex, f.index);
  const slotOf = new Int32Array(maxIndex + 1).fill(-1);
  fields.forEach((f, k) => { slotOf[f.index] = k; });
  const readers = fields.map((f) => f.read);
  const lenient = fields.map((f) => f.lenient === true);
  const slotIndex = fields.map((f) => f.index);
  const nSlots = fields.length;

  let capacity = estimateRows(bytes, opts.start, end);
  let columns = fields.map(() => new Float64Array(capacity));
  const cursor: ScanCursor = { pos: 0 };
  const warnings: ParseWarning[] = [];
  let row = 0;
  let line = opts.firstLineNumber;
  let p = opts.start;
  let nextProgress = p + (1 << 22);
  let shortRows = 0;
  let firstShortLine = 0;

  const fail = (field: number, start: number, stop: number, why: string): never => {
    throw new ParseError({
      format: opts.format,
      fileName: opts.fileName,
      line,
      field: fields[slotOf[field]]?.name,
      message: `${why}: '${latin1Slice(bytes, start, Math.min(stop, start + 40)).trim()}'`,
    });
  };

  while (p < end) {
    let q = p;
    while (q < end && (bytes[q] === SPACE || bytes[q] === CR || (blankTab && bytes[q] === TAB))) q++;
    if (q >= end) break;
    if (bytes[q] === LF) { p = q + 1; line++; continue; }
    if (row === capacity) {
      capacity *= 2;
      columns = columns.map((c) => { const g = new Float64Array(capacity); g.set(c); return g; });
    }
    let field = 0;
    let pos = p;
    for (;;) {
      if (blankTab) while (pos < end && bytes[pos] === TAB) pos++;
      const slot = field <= maxIndex ? slotOf[field] : -1;
      if (slot >= 0 && readers[slot] === undefined) {
        let v = scanNumber(bytes, pos, end, decimalSep, cursor);
        let e = cursor.pos;
        while (e < end && (bytes[e] === SPACE || bytes[e] === CR || (blankTab && bytes[e] === TAB))) e++;
        if (e < end && bytes[e] !== delimiter && bytes[e] !== LF) {
          e = fieldEnd(bytes, pos, end, delimiter);
          v = readSpecialNumber(bytes, pos, e, decimalSep, missing, cursor);
          if (Number.isNaN(v) && !lenient[slot] && !isMissing(bytes, pos, e, missing)) fail(field, pos, e, 'not a number');
        }
        columns[slot][row] = v;
        pos = e;
      } else if (slot >= 0) {
        const e = fieldEnd(bytes, pos, end, delimiter);
        const [s, t] = trimField(bytes, pos, e);
        const v = s < t ? readers[slot]!(bytes, s, t) : NaN;
        if (Number.isNaN(v) && s < t && !lenient[slot] && !isMissing(bytes, s, t, missing)) fail(field, s, t, 'cannot read value');
        columns[slot][row] = v;
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
      if (shortRows++ === 0) firstShortLine = line;
    }
    row++;
    line++;
    p = pos + 1;
    if (p > nextProgress && opts.onProgress) { opts.onProgress(p / end); nextProgress = p + (1 << 22); }
  }
  if (shortRows > 0) {
    warnings.push({ code: 'short-rows', line: firstShortLine, message: `${shortRows} row(s) have fewer fields than the header (first at line ${firstShortLine}); missing values left empty` });
  }
  const out = columns.map((c) => (row * 4 < capacity * 3 ? c.slice(0, row) : c.subarray(0, row)));
  return { rows: row, columns: out, warnings };
}

function estimateRows(bytes: Uint8Array, start: number, end: number): number {
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

function readSpecialNumber(bytes: Uint8Array, start: number, end: number, decimalSep: number, missing: Set<string>, cursor: ScanCursor): number {
  const [s, e] = trimField(bytes, start, end);
  if (s >= e) return NaN;
  const v = scanNumber(bytes, s, e, decimalSep, cursor);
  return cursor.pos === e ? v : NaN;
}

function isMissing(bytes: Uint8Array, start: number, end: number, missing: Set<string>): boolean {
  const [s, e] = trimField(bytes, start, end);
  return s >= e || missing.has(latin1Slice(bytes, s, e).toLowerCase());
}
