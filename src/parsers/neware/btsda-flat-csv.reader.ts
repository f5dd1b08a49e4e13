import type { ParsedColumn, ParseWarning } from '../cycler-parser.js';
import { parseDateTimeBytes } from '../common/date-time.js';
import { describeDelimitedTable } from '../common/delimited-header.js';
import { parseDurationBytes } from '../common/duration.js';
import { readPlannedTable, toParsedColumns, type PlannedColumn } from '../common/column-plan.js';
import type { TextLine } from '../common/text-lines.js';
import { newareTextColumn, readNewareStepType } from './neware-text-columns.js';

const readDate = (b: Uint8Array, s: number, e: number): number => parseDateTimeBytes(b, s, e, 'ymd');

/** Reads a BTSDA flat record CSV ('DataPoint,Cycle Index,Step Index,Step Type,Time,Cumulative Time,...'). */
export function readBtsdaFlatCsv(format: string, fileName: string, bytes: Uint8Array, lines: TextLine[], header: TextLine, warnings: ParseWarning[]): { rows: number; columns: ParsedColumn[] } {
  const layout = describeDelimitedTable(lines, header, { delimiter: ',' });
  const plan: PlannedColumn[] = layout.cells.map((cell, index) => {
    const m = newareTextColumn(cell.name, cell.unit);
    const read = m.kind === 'duration' ? parseDurationBytes : m.kind === 'date' ? readDate : m.kind === 'stepType' ? readNewareStepType : undefined;
    return {
      index,
      originalName: cell.text,
      originalUnit: cell.unit,
      canonical: m.canonical,
      read,
      lenient: m.canonical === null,
      valueUnit: m.kind === 'duration' || m.kind === 'date' ? 's' : m.unit,
    };
  });
  const table = readPlannedTable(plan, {
    format,
    fileName,
    bytes,
    start: layout.dataStart,
    firstLineNumber: layout.dataLine,
    delimiter: layout.delimiterByte,
    decimalComma: false,
  });
  warnings.push(...table.warnings);
  return { rows: table.rows, columns: toParsedColumns(plan, table.values, warnings) };
}
