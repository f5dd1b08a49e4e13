import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import type { CompanionFile } from './cycler-parser.js';
import type { DetectOptions } from './detect.js';
import type { SpreadsheetLimits } from './common/spreadsheet-reader.js';
import { plannedTableResult, readDroppingBadColumns, tableFieldOf } from './common/column-plan.js';
import { readFully, readTablePieces, type ReadInto } from './common/table-pieces.js';
import { asParseError, normaliseAndSummarise, parseFile, type ParsedFile } from './parse-file.js';
import { planFromFile } from './stream/plan-from-file.js';

export interface LocalParseOptions extends DetectOptions {
  /** The name detection and messages use (default: the path's last part). */
  fileName?: string;
  companions?: CompanionFile[];
  onProgress?: (fraction: number) => void;
  spreadsheetLimits?: SpreadsheetLimits;
  /** Bytes read per piece (default PIECE_BYTES; tests use small ones). */
  pieceBytes?: number;
  /** Keep a normalisation checkpoint (a growing file: ADR 0010). */
  checkpoint?: boolean;
}

/**
 * parseFile for a file on disk. A delimited-text table (its parser has a table plan and the file is not
 * gzip) is read a piece at a time straight into its columns, so the file is never in memory whole; any
 * other file is read whole and handed to parseFile. Same result either way (parse-local-file.test.ts).
 */
export async function parseLocalFile(path: string, opts: LocalParseOptions = {}): Promise<ParsedFile> {
  const fileName = opts.fileName ?? basename(path);
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    const readInto: ReadInto = (into, offset, length, position) => readSync(fd, into, offset, length, position);
    const plan = await planFromFile(fileName, size, async (offset, length) => {
      const bytes = new Uint8Array(length);
      return bytes.subarray(0, readFully(readInto, bytes, 0, length, offset));
    }, opts);
    if (plan) {
      let raw;
      try {
        const read = await readDroppingBadColumns(plan, (p) => readTablePieces(p, p.columns.map(tableFieldOf), { size, readInto }, fileName, opts.onProgress, opts.pieceBytes));
        const table = read.value;
        // A header without rows is left to the parser, which decides between an error and an empty result.
        if (table.rows > 0) raw = plannedTableResult(read.plan, fileName, { rows: table.rows, values: table.columns, warnings: table.warnings });
      } catch (err) {
        throw asParseError(err, plan.format, fileName);
      }
      if (raw) return normaliseAndSummarise(raw, fileName, opts);
    }
    const { pieceBytes: _pieceBytes, ...parseOpts } = opts;
    return await parseFile({ ...parseOpts, fileName, bytes: readFileSync(fd) });
  } finally {
    closeSync(fd);
  }
}
