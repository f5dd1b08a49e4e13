import type { ParsedColumn, ParseWarning } from '../cycler-parser.js';
import { describeDelimitedTable } from '../common/delimited-header.js';
import { readPlannedTableWith, toParsedColumns, type PlannedColumn } from '../common/column-plan.js';
import { dateTimeReader, durationReader } from '../common/named-readers.js';
import type { TableReader } from '../common/table-reader.js';
import type { TextLine } from '../common/text-lines.js';
import { newareTextColumn, readNewareStepType } from './neware-text-columns.js';

const readDate = dateTimeReader('ymd');

/** Reads a BTSDA flat record CSV ('DataPoint,Cycle Index,Step Index,Step Type,Time,Cumulative Time,...'). */
export async function readBtsdaFlatCsv(
  format: string, fileName: string, bytes: Uint8Array, lines: TextLine[], header: TextLine, warnings: ParseWarning[], readTable?: TableReader,
): Promise<{ rows: number; columns: ParsedColumn[] }> {
  const layout = describeDelimitedTable(lines, header, { delimiter: ',' });
  const plan: PlannedColumn[] = layout.cells.map((cell, index) => {
    const m = newareTextColumn(cell.name, cell.unit);
    const read = m.kind === 'duration' ? durationReader : m.kind === 'date' ? readDate : m.kind === 'stepType' ? readNewareStepType : undefined;
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
  const table = await readPlannedTableWith(readTable, plan, {
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
