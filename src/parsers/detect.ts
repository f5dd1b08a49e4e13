import { AppError, UnsupportedFormatError, ValidationError } from '../domain/errors.js';
import type { ColumnMapping, CyclerParser, NotDataVerdict } from './cycler-parser.js';
import { pickColumnMapping } from './generic-csv/generic-csv.parser.js';

/** Bytes a parser's `detect` sees. */
export const DETECT_HEAD_BYTES = 64 * 1024;

/** The file is recognised, but holds no data (a settings or metadata companion). */
export class NotDataFileError extends AppError {
  constructor(fileName: string, label: string, verdict: NotDataVerdict) {
    const advice = verdict.kind === 'other' ? verdict.description : `not a data file — ${verdict.description}`;
    super('UNSUPPORTED_FORMAT', `${fileName}: ${advice}`, { kind: verdict.kind, parser: label });
    this.name = 'NotDataFileError';
  }
}

export interface Detection {
  parser: CyclerParser;
  confidence: number;
  /** The mapping detection used: the one given, or the saved one picked from `columnMappings`. */
  columnMapping?: ColumnMapping;
}

export interface DetectOptions {
  /** Use this parser (registry name) without sniffing. */
  format?: string;
  columnMapping?: ColumnMapping;
  /** Saved mappings to try when none is given, best first: the first whose headers all appear is used. */
  columnMappings?: readonly ColumnMapping[];
  /**
   * The format the file's instrument writes (its equipment's `default_format`): chosen whenever its
   * parser claims the file (confidence ≥ 0.5), however the others score. Unlike `format`, a file
   * the parser does not recognise is still detected (a lab's Maccor may also hold a BioLogic export).
   */
  preferredFormat?: string;
}

/**
 * Picks the parser for a file from its name and first bytes. Highest confidence wins; ties go to
 * the parser that lists the file's extension, then to the registry name in alphabetical order, so
 * the choice never depends on registration order. A file that some parser classifies as a
 * settings/metadata companion (and no parser claims with confidence ≥ 0.5) raises
 * NotDataFileError; nothing recognised raises UnsupportedFormatError with one reason per parser.
 */
export function detectParser(parsers: readonly CyclerParser[], fileName: string, head: Uint8Array, options: DetectOptions = {}): Detection {
  const sniffed = head.subarray(0, DETECT_HEAD_BYTES);
  const columnMapping = options.columnMapping ?? pickColumnMapping(sniffed, options.columnMappings ?? []);
  if (options.format) {
    const parser = parsers.find((p) => p.name === options.format);
    if (!parser) throw new ValidationError(`unknown format '${options.format}'`, [{ field: 'format', message: `one of: ${parsers.map((p) => p.name).sort().join(', ')}` }]);
    return { parser, confidence: 1, columnMapping };
  }
  const input = { fileName, head: sniffed, columnMapping };
  const ext = extensionOf(fileName);
  const scored = parsers.map((parser) => ({ parser, confidence: safeDetect(parser, input) }));
  scored.sort((a, b) => b.confidence - a.confidence
    || Number(b.parser.extensions.includes(ext)) - Number(a.parser.extensions.includes(ext))
    || a.parser.name.localeCompare(b.parser.name));
  const preferred = scored.find((s) => s.parser.name === options.preferredFormat && s.confidence >= 0.5);
  const best = preferred ?? scored[0];
  if (best === undefined || best.confidence < 0.5) {
    for (const parser of parsers) {
      const verdict = parser.classifyNotData?.(input);
      if (verdict) throw new NotDataFileError(fileName, parser.label, verdict);
    }
  }
  if (best === undefined || !(best.confidence > 0)) {
    const reasons = parsers.map((p) => `${p.name}: ${p.extensions.includes(ext) ? 'extension matches but content does not' : 'content and extension do not match'}`);
    throw new UnsupportedFormatError(fileName, reasons.length > 0 ? reasons : ['no parsers are registered']);
  }
  return { ...best, columnMapping };
}

/** A detector that throws on odd input scores 0 rather than breaking detection for every format. */
function safeDetect(parser: CyclerParser, input: Parameters<CyclerParser['detect']>[0]): number {
  try {
    const c = parser.detect(input);
    return Number.isFinite(c) ? Math.min(1, Math.max(0, c)) : 0;
  } catch {
    return 0;
  }
}

/** Lower-case extension with the dot ('.csv'); '' when none. */
export function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}
