import type { PlannedColumn } from '../common/column-plan.js';
import { describeDelimitedTable, type DelimitedLayout } from '../common/delimited-header.js';
import { dateTimeReader, durationReader } from '../common/named-readers.js';
import type { TextLine } from '../common/text-lines.js';
import { newareTextColumn, readNewareStepType } from './neware-text-columns.js';

const readDate = dateTimeReader('ymd');

/** The columns of a BTSDA flat record CSV ('DataPoint,Cycle Index,Step Index,Step Type,Time,Cumulative Time,...') and where its rows start. */
export function planBtsdaFlatCsv(lines: TextLine[], header: TextLine): { layout: DelimitedLayout; columns: PlannedColumn[] } {
  const layout = describeDelimitedTable(lines, header, { delimiter: ',' });
  const columns: PlannedColumn[] = layout.cells.map((cell, index) => {
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
  return { layout, columns };
}
