import type { AppErrorCode } from '../domain/errors.js';
import type { PlannedColumn } from './common/column-plan.js';
import type { SpreadsheetLimits } from './common/spreadsheet-reader.js';
import type { TableReader } from './common/table-reader.js';
import type { TableSyntax } from './common/table-scan.js';

/** What a parser sees when asked "is this yours?": the file name and its first bytes (up to 64 KiB). */
export interface DetectInput {
  fileName: string;
  head: Uint8Array;
  /** The caller's saved generic-CSV mapping, if any (only the generic CSV parser looks at it). */
  columnMapping?: ColumnMapping;
}

/** A companion file uploaded with the data file (settings file, binary, _Metadata.csv ...). */
export interface CompanionFile {
  fileName: string;
  bytes: Uint8Array;
}

/** A saved header → canonical column mapping for the generic CSV parser. */
export interface ColumnMapping {
  /** Original header text → canonical BDF name (e.g. 'Voltage / V') and the unit the file uses. */
  columns: Record<string, { name: string; unit: string }>;
  delimiter?: string;
  decimalComma?: boolean;
  /** 0-based line index of the header line; detected when absent. */
  headerLine?: number;
  currentSign?: 'positive-charge' | 'positive-discharge';
}

export interface ParseInput {
  fileName: string;
  bytes: Uint8Array;
  companions?: CompanionFile[];
  columnMapping?: ColumnMapping;
  /** Called now and then with the share of the input consumed (0..1). */
  onProgress?: (fraction: number) => void;
  /** Reads delimited tables, e.g. on worker threads (src/parsers/parallel/); absent = readTable in this thread. */
  readTable?: TableReader;
  /** Time and memory allowed to one workbook read (spreadsheet parsers); absent = DEFAULT_SPREADSHEET_LIMITS. */
  spreadsheetLimits?: SpreadsheetLimits;
}

export interface ParsedColumn {
  /** Canonical BDF name ('Voltage / V'), or the original header when there is none. */
  name: string;
  /** Canonical unit ('V', 'A', 'Ah', 's', '1', 'degC' ...), or the original unit. */
  unit: string | null;
  /** The header as written in the file. */
  originalName: string;
  /** The unit as written in the file (null when the file gives none). */
  originalUnit: string | null;
  /** One value per row; NaN = missing. */
  values: Float64Array;
}

export interface ParseWarning {
  code: string;
  message: string;
  /** 1-based line number for text files. */
  line?: number;
  /** Byte offset for binary files. */
  byte?: number;
}

/**
 * How the vendor's capacity and energy counters behave, as the parser emitted them in
 * 'Charging Capacity / Ah' etc. Normalisation (src/parsers/normalise/) turns every mode into
 * the canonical one: ≥ 0, accumulating within a derived cycle, reset at each cycle start.
 * - 'per-cycle': already canonical (Arbin).
 * - 'per-step': restart at every step (Maccor Amp-hr split by state, Neware record export).
 * - 'per-half-cycle': restart when the current changes direction (BioLogic Q charge/discharge).
 * - 'running-total': never reset, only grow (cumulative charge and discharge totals).
 * - 'signed-net': only 'Net Capacity / Ah' (signed, + on charge) is given (Novonix, BioLogic (Q-Qo)).
 * - 'none': no counters; normalisation integrates current over time.
 */
export type CounterMode = 'per-cycle' | 'per-step' | 'per-half-cycle' | 'running-total' | 'signed-net' | 'none';

export interface ParseResult {
  /** Registry name of the parser that produced it, e.g. 'biologic-mpt'. */
  format: string;
  /** Parser version; bump it when output changes so data can be re-processed. */
  parserVersion: string;
  rows: number;
  columns: ParsedColumn[];
  /** Header metadata: start time (ISO, local, zone unknown), channel, procedure, mass, software ... */
  metadata: Record<string, unknown>;
  warnings: ParseWarning[];
  /** Semantics of the capacity and energy columns the parser emitted. */
  counters: { capacity: CounterMode; energy: CounterMode };
}

/** A file that is recognised but is not a data file (a BioLogic .mps settings file, a _Metadata.csv). */
export interface NotDataVerdict {
  kind: 'settings' | 'metadata' | 'other';
  description: string;
}

/**
 * A delimited-text file described from its head alone, so that its rows can be read in batches without
 * holding the file (src/parsers/stream/: big files ingest in flat memory). A parser that offers one reads
 * whole files through the same plan (`parsePlannedTable`), so both paths give the same columns.
 */
export interface TablePlan {
  format: string;
  parserVersion: string;
  /** What to read from each row, and the canonical column each becomes. */
  columns: PlannedColumn[];
  syntax: TableSyntax;
  /** Byte offset and 1-based line number of the first data line. */
  dataStart: number;
  dataLine: number;
  metadata: Record<string, unknown>;
  warnings: ParseWarning[];
  counters: ParseResult['counters'];
  /**
   * Called once after all rows with each output column's first finite value (NaN: none in the whole
   * file), for metadata and warnings that depend on the values (start time, empty vendor columns).
   */
  complete?(first: (columnName: string) => number, out: Pick<ParseResult, 'metadata' | 'warnings'>): void;
  /**
   * The parsed columns of a batch of rows (or of the whole table) from the planned columns' values, for
   * formats that post-process rows: a current signed by a state column, a counter split by direction,
   * flags turned into a step type. Absent: `toParsedColumns(columns, values, warnings, hasValues)`.
   * Each row must be worked out from that row alone (nothing carried between rows), and the columns
   * given must depend only on the plan and `hasValues` (per planned column: holds a value somewhere in
   * the file; absent = look at these values), so that every batch gives the same columns. Warnings go
   * to `warnings`, like toParsedColumns' unit warnings (the streamed reader keeps the first batch's).
   */
  toColumns?(values: Float64Array[], warnings: ParseWarning[], hasValues?: readonly boolean[]): ParsedColumn[];
  /**
   * The plan without the column whose field did not read (`error.field`, `error.line`: the table reader's
   * ParseError), with a warning naming the column and the line; null when that column is required. Every
   * reader (whole file, pieces, batches) then reads the table again with it (`readDroppingBadColumns`), so
   * one unreadable optional column never fails a file. Absent: such an error fails the file.
   */
  dropColumn?(error: ParseError): TablePlan | null;
}

/** What `planTable` sees: the file name, its first bytes (up to 1 MiB), its last ones and the upload's companions. */
export interface PlanInput {
  fileName: string;
  head: Uint8Array;
  /** The file's last 16 KiB + 1 byte (all of it when smaller), for what only the end of a file tells. */
  tail?: Uint8Array;
  companions?: CompanionFile[];
  columnMapping?: ColumnMapping;
}

/** One cycler format. Pure: no file system, no database, no globals; safe in a worker thread. */
export interface CyclerParser {
  /** Registry name, kebab-case: 'maccor-txt', 'arbin-res', 'neware-ndax' ... */
  name: string;
  vendor: string;
  /** Human label for lists and errors: 'BioLogic EC-Lab .mpr'. */
  label: string;
  version: string;
  extensions: string[];
  /** false for formats implemented from documentation only, with no real sample file. */
  verified: boolean;
  /** Confidence 0..1 that the file is this format; 0 = certainly not. Must be cheap. */
  detect(input: DetectInput): number;
  /** When the file is recognised but holds no data, say so instead of parsing. */
  classifyNotData?(input: DetectInput): NotDataVerdict | null;
  parse(input: ParseInput): Promise<ParseResult>;
  /**
   * Delimited-text formats: the table plan from the head of the file, or null when this file's layout
   * needs the whole file (then only `parse` reads it). Throws ParseError like `parse` for a bad header.
   */
  planTable?(input: PlanInput): TablePlan | null;
}

/** A file could not be parsed. Names the format tried, the file, and where (line or byte). */
export class ParseError extends Error {
  readonly code: AppErrorCode = 'PARSE_ERROR';
  readonly format: string;
  readonly fileName: string;
  readonly line?: number;
  readonly byte?: number;
  readonly field?: string;

  constructor(opts: { format: string; fileName: string; message: string; line?: number; byte?: number; field?: string; cause?: unknown }) {
    const where = opts.line !== undefined ? `, line ${opts.line}` : opts.byte !== undefined ? `, byte ${opts.byte}` : '';
    const field = opts.field ? `, field '${opts.field}'` : '';
    super(`${opts.fileName} (${opts.format}${where}${field}): ${opts.message}`, { cause: opts.cause });
    this.name = 'ParseError';
    this.format = opts.format;
    this.fileName = opts.fileName;
    this.line = opts.line;
    this.byte = opts.byte;
    this.field = opts.field;
  }

  /** The plain fields, for storing on a data file record. */
  toJSON(): { message: string; format: string; fileName: string; line?: number; byte?: number; field?: string } {
    return { message: this.message, format: this.format, fileName: this.fileName, line: this.line, byte: this.byte, field: this.field };
  }
}
