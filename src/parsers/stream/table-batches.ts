import { ParseError, type ParseWarning, type TablePlan } from '../cycler-parser.js';
import { tableFieldOf } from '../common/column-plan.js';
import { MAX_LINE_BYTES } from '../common/table-pieces.js';
import { createRangeScanner, type RangeScanner } from '../common/table-scan.js';

/** Bytes gathered before a batch is scanned: ~7,000 rows of a typical export (bigger batches: no faster, more memory). */
export const DEFAULT_BATCH_BYTES = 1 << 20;

/** The rows of one stretch of whole lines, as read (no unit conversion yet): one array per planned column. */
export interface TableBatch {
  rows: number;
  values: Float64Array[];
}

/** Short-row counts over all batches read so far, reported like the whole-file reader does. */
export class ShortRowTally {
  private count = 0;
  private firstLine = 0;

  add(rows: number, firstLine: number): void {
    if (rows > 0 && this.count === 0) this.firstLine = firstLine;
    this.count += rows;
  }

  warnings(): ParseWarning[] {
    if (this.count === 0) return [];
    return [{ code: 'short-rows', line: this.firstLine, message: `${this.count} row(s) have fewer fields than the header (first at line ${this.firstLine}); missing values left empty` }];
  }
}

/**
 * Reads the planned columns of a delimited table from a byte stream that starts at the plan's first data
 * line, in batches of whole lines (about `batchBytes` each): memory holds one batch, never the file. A
 * batch's arrays are valid until the next batch is asked for.
 * Values, errors and line numbers are those of the whole-file reader (src/parsers/common/table-reader.ts);
 * a field that does not read throws a ParseError naming the line and the column.
 */
export async function* readTableBatches(
  source: AsyncIterable<Uint8Array>, plan: TablePlan, fileName: string, shortRows: ShortRowTally, batchBytes = DEFAULT_BATCH_BYTES,
): AsyncGenerator<TableBatch> {
  const fields = plan.columns.map(tableFieldOf);
  let line = plan.dataLine;
  // One buffer for the bytes and one scanner (with its columns) for every batch: a batch's arrays are written
  // over by the next, so the rows are gathered without new memory per batch (the consumers copy what they keep).
  let work = new Uint8Array(0);
  let held = 0;
  /** work[0, lineFreeUpTo) is known to hold no line feed (a long line being gathered): not searched again. */
  let lineFreeUpTo = 0;
  let scanner: RangeScanner | undefined;

  const scan = (end: number): TableBatch => {
    if (scanner) scanner.refill(work, 0, end);
    else scanner = createRangeScanner(plan.syntax, fields, work, 0, end);
    scanner.scanTo(end);
    const chunk = scanner.takeRows();
    if (chunk.error) {
      const field = fields[chunk.error.slot];
      throw new ParseError({
        format: plan.format, fileName, line: line + chunk.error.line, field: field.name,
        message: `${field.read ? 'cannot read value' : 'not a number'}: '${chunk.error.text}'`,
      });
    }
    shortRows.add(chunk.shortRows, line + chunk.firstShortLine);
    line += chunk.lines;
    return { rows: chunk.rows, values: chunk.columns };
  };

  for await (const piece of source) {
    if (held + piece.length > work.length) {
      const bigger = new Uint8Array(Math.max(held + piece.length, work.length * 2, batchBytes + (batchBytes >> 1)));
      bigger.set(work.subarray(0, held));
      work = bigger;
    }
    work.set(piece, held);
    held += piece.length;
    if (held < batchBytes) continue;
    const lf = work.subarray(lineFreeUpTo, held).lastIndexOf(10);
    if (lf < 0) {
      if (held > MAX_LINE_BYTES) throw new ParseError({ format: plan.format, fileName, line, message: `line longer than ${MAX_LINE_BYTES >> 20} MiB` });
      lineFreeUpTo = held;
      continue;
    }
    const end = lineFreeUpTo + lf + 1;
    const batch = scan(end);
    work.copyWithin(0, end, held);
    held -= end;
    lineFreeUpTo = held; // what is left is after the last line feed
    if (batch.rows > 0) yield batch;
  }
  if (held > 0) {
    const batch = scan(held);
    if (batch.rows > 0) yield batch;
  }
}
