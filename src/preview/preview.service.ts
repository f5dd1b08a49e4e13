import type { StoredColumnMapping } from '../column-mappings/column-mapping.repository.js';
import { AppError } from '../domain/errors.js';
import type { CyclerParser, ParsedColumn, ParseWarning } from '../parsers/cycler-parser.js';
import { detectParser, NotDataFileError } from '../parsers/detect.js';
import { guessHeaderCandidates, type HeaderCandidates } from '../parsers/generic-csv/header-candidates.js';
import { isGzip } from '../parsers/gunzip.js';
import { gunzipHead } from './gunzip-head.js';

/** Bytes of a file's start that a preview reads. */
export const PREVIEW_HEAD_BYTES = 256 * 1024;

export interface PreviewInput {
  fileName: string;
  /** The file's first bytes (at most PREVIEW_HEAD_BYTES are used). */
  head: Uint8Array;
  /** Size of the whole file, when known: a head that holds all of it is parsed to its last byte. */
  fileSize?: number;
  /** The mapping the user chose; otherwise `mappings` are tried in order. */
  chosen?: StoredColumnMapping;
  mappings: readonly StoredColumnMapping[];
}

export interface Preview {
  fileName: string;
  format: string | null;
  label: string | null;
  confidence: number;
  columnMappingId: number | null;
  columns: Pick<ParsedColumn, 'name' | 'unit' | 'originalName' | 'originalUnit'>[] | null;
  rows: number | null;
  warnings: ParseWarning[];
  /** Why no parser took the file (format null). */
  reason?: string;
  reasons?: string[];
  /** The likely header of an unknown delimited file, to start a column mapping from. */
  headerCandidates?: HeaderCandidates | null;
}

/**
 * What the registry makes of a file's first bytes: detection (with saved mappings) and the columns
 * and rows a parse of the head yields. Text heads are cut at their last complete line; a binary head
 * that does not parse alone gives the format only (columns null, with a warning saying so).
 */
export async function previewHead(parsers: readonly CyclerParser[], input: PreviewInput): Promise<Preview> {
  const complete = input.fileSize !== undefined && input.head.length >= input.fileSize && input.head.length <= PREVIEW_HEAD_BYTES;
  let fileName = input.fileName;
  let head = input.head.subarray(0, PREVIEW_HEAD_BYTES);
  if (isGzip(head)) {
    head = await gunzipHead(fileName, head, PREVIEW_HEAD_BYTES);
    fileName = fileName.replace(/\.gz$/i, '');
  }
  const base = { fileName: input.fileName, warnings: [] as ParseWarning[] };
  let detection;
  try {
    detection = detectParser(parsers, fileName, head, { columnMapping: input.chosen?.mapping, columnMappings: input.mappings.map((m) => m.mapping) });
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'UNSUPPORTED_FORMAT') throw err;
    const unknown = !(err instanceof NotDataFileError);
    const reasons = Array.isArray(err.details?.reasons) ? (err.details.reasons as string[]) : undefined;
    return { ...base, format: null, label: null, confidence: 0, columnMappingId: null, columns: null, rows: null, reason: err.message, reasons, headerCandidates: unknown ? guessHeaderCandidates(head) : null };
  }
  const { parser, confidence, columnMapping } = detection;
  const used = [input.chosen, ...input.mappings].find((m) => m !== undefined && m.mapping === columnMapping);
  const binary = head.subarray(0, 8192).includes(0);
  const bytes = complete || binary ? head : cutAtLastLine(head);
  const found = { ...base, format: parser.name, label: parser.label, confidence, columnMappingId: parser.name === 'generic-csv' ? (used?.id ?? null) : null };
  try {
    const result = await parser.parse({ fileName, bytes, columnMapping });
    const columns = result.columns.map(({ name, unit, originalName, originalUnit }) => ({ name, unit, originalName, originalUnit }));
    return { ...found, columns, rows: result.rows, warnings: result.warnings };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const message = binary
      ? `${parser.label} is a binary format that is read whole: its columns are known once the file is uploaded and parsed`
      : `the first ${Math.round(head.length / 1024)} KiB could not be parsed: ${why}`;
    return { ...found, columns: null, rows: null, warnings: [{ code: 'head_not_parsed', message }] };
  }
}

/** The head up to and including its last line break (a cut line would read as a bad row). */
function cutAtLastLine(head: Uint8Array): Uint8Array {
  const end = head.lastIndexOf(0x0a);
  return end < 0 ? head : head.subarray(0, end + 1);
}
