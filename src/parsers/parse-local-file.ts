import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import type { ColumnMapping, CompanionFile } from './cycler-parser.js';
import { plannedTableResult, tableFieldOf } from './common/column-plan.js';
import { readTablePieces, type ReadInto } from './common/table-pieces.js';
import { asParseError, normaliseAndSummarise, parseFile, type ParsedFile } from './parse-file.js';
import { planFromFile } from './stream/plan-from-file.js';

export interface LocalParseOptions {
  /** The name detection and messages use (default: the path's last part). */
  fileName?: string;
  format?: string;
  companions?: CompanionFile[];
  columnMapping?: ColumnMapping;
  columnMappings?: readonly ColumnMapping[];
  onProgress?: (fraction: number) => void;
  /** Bytes read per piece (default PIECE_BYTES; tests use small ones). */
  pieceBytes?: number;
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
    const plan = await planFromFile(fileName, size, async (offset, length) => readRange(readInto, offset, length), opts);
    if (plan) {
      let table;
      try {
        table = await readTablePieces(plan, plan.columns.map(tableFieldOf), { size, readInto }, fileName, opts.onProgress, opts.pieceBytes);
      } catch (err) {
        throw asParseError(err, plan.format, fileName);
      }
      // A header without rows is left to the parser, which decides between an error and an empty result.
      if (table.rows > 0) return normaliseAndSummarise(plannedTableResult(plan, fileName, { rows: table.rows, values: table.columns, warnings: table.warnings }), fileName);
    }
    const { pieceBytes: _pieceBytes, ...parseOpts } = opts;
    return await parseFile({ ...parseOpts, fileName, bytes: readFileSync(fd) });
  } finally {
    closeSync(fd);
  }
}

function readRange(readInto: ReadInto, offset: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let held = 0;
  while (held < length) {
    const n = readInto(bytes, held, length - held, offset + held);
    if (n === 0) break;
    held += n;
  }
  return bytes.subarray(0, held);
}
