import { ParseError, type TablePlan } from '../cycler-parser.js';
import { joinTableChunks, type TableField, type TableResult } from './table-reader.js';
import { createRangeScanner, estimateRows } from './table-scan.js';

/** Reads up to `length` bytes of the file at `position` into `into` from `offset`; the count read (0: the end). */
export type ReadInto = (into: Uint8Array, offset: number, length: number, position: number) => number;

/** A file read in place, a piece at a time (an open file descriptor; a parser never opens files itself). */
export interface PieceSource {
  size: number;
  readInto: ReadInto;
}

/**
 * Bytes read per piece: small enough to stay in the CPU cache between the copy out of the page cache
 * and the scan, big enough that the reads cost nothing (measured: bench/README.md, text parse).
 */
export const PIECE_BYTES = 1 << 20;
/** Pieces read between two turns of the event loop (≈ 50 ms of scanning), so a server parsing in-process stays responsive. */
const PIECES_PER_TURN = 8;
/** A line longer than this is refused, here and by the batched reader (it would be gathered without bound). */
export const MAX_LINE_BYTES = 64 << 20;

const LF = 10;

/**
 * Reads a planned table's rows into whole columns from a file read in pieces into one reused buffer: the
 * same values, errors and warnings as readTable over the whole file's bytes, without holding those bytes
 * (for a 1M-row export: 138 MB less memory to fault in, and bytes scanned while still in the cache).
 */
export async function readTablePieces(
  plan: Pick<TablePlan, 'format' | 'syntax' | 'dataStart' | 'dataLine'>, fields: TableField[], source: PieceSource, fileName: string,
  onProgress?: (fraction: number) => void, pieceBytes = PIECE_BYTES,
): Promise<TableResult> {
  let piece = new Uint8Array(Math.min(pieceBytes, Math.max(1, source.size - plan.dataStart)));
  let position = plan.dataStart;
  let held = 0;
  let ended = false;
  const fill = (): void => {
    const n = readFully(source.readInto, piece, held, piece.length - held, position);
    ended = held + n < piece.length;
    held += n;
    position += n;
  };
  fill();
  // Columns sized for the whole file from the first piece's lines, so rows are appended without copies.
  const reserve = Math.ceil(estimateRows(piece, 0, held) * Math.max(1, (source.size - plan.dataStart) / Math.max(1, held)));
  const scanner = createRangeScanner(plan.syntax, fields, piece, 0, 0, reserve);
  for (let pieces = 1; ; pieces++) {
    const end = ended ? held : piece.lastIndexOf(LF, held - 1) + 1;
    if (end === 0 && !ended) {
      if (piece.length >= MAX_LINE_BYTES) throw new ParseError({ format: plan.format, fileName, byte: position - held, message: `line longer than ${MAX_LINE_BYTES >> 20} MiB` });
      const longer = new Uint8Array(piece.length * 2);
      longer.set(piece.subarray(0, held));
      piece = longer;
      fill();
      continue;
    }
    scanner.refill(piece, 0, end);
    if (!scanner.scanTo(end) || ended) break;
    piece.copyWithin(0, end, held);
    held -= end;
    fill();
    onProgress?.((position - plan.dataStart) / Math.max(1, source.size - plan.dataStart));
    if (pieces % PIECES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return joinTableChunks({ format: plan.format, fileName, firstLineNumber: plan.dataLine, fields }, [scanner.finish()]);
}

/** Reads until `length` bytes are in or the file ends; the count read. */
export function readFully(readInto: ReadInto, into: Uint8Array, offset: number, length: number, position: number): number {
  let held = 0;
  while (held < length) {
    const n = readInto(into, offset + held, length - held, position + held);
    if (n === 0) break;
    held += n;
  }
  return held;
}
