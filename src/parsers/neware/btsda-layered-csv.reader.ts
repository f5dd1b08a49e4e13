import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { ParseError, type ParsedColumn, type ParseWarning } from '../cycler-parser.js';
import { Float64Builder } from '../binary/byte-view.js';
import { parseDateTime } from '../common/date-time.js';
import { parseDuration } from '../common/duration.js';
import { splitHeaderCell } from '../common/header-columns.js';
import { toParsedColumn } from '../common/parsed-column.js';
import { decodeText } from '../common/decode-text.js';
import { newareTextColumn, splitByDirection, stepTypeOfNewareText } from './neware-text-columns.js';

function valueOf(kind: string, text: string): number {
  if (text === '') return NaN;
  if (kind === 'duration') return parseDuration(text);
  if (kind === 'date') return parseDateTime(text, 'ymd');
  if (kind === 'stepType') return stepTypeOfNewareText(text);
  return Number(text);
}

/**
 * Reads a BTSDA layered CSV: three header lines (cycle fields; ',' + step fields; ',,' + record
 * fields) and interleaved rows — cycle rows start with a number, step rows with one empty field,
 * record rows with two. Records inherit the cycle and step of the rows above them; the first
 * step row is glued onto the first cycle row. The per-step 'Capacity'/'Energy' are unsigned and
 * split into charge/discharge by the step type.
 */
export function readBtsdaLayeredCsv(format: string, fileName: string, bytes: Uint8Array, warnings: ParseWarning[]): { rows: number; columns: ParsedColumn[] } {
  const text = decodeText(bytes).text;
  const lines = text.split(/\r?\n/);
  if (lines.length < 3) throw new ParseError({ format, fileName, line: lines.length, message: 'layered export needs three header lines' });
  const cycleHeader = lines[0].split(',');
  const stepHeader = lines[1].split(',');
  const recordHeader = lines[2].split(',').slice(2).map((c) => splitHeaderCell(c));
  const stepIndexAt = stepHeader.findIndex((h) => h.trim() === 'Step Index');
  const stepTypeAt = stepHeader.findIndex((h) => h.trim() === 'Step Type');
  if (stepIndexAt < 1 || stepTypeAt < 1) throw new ParseError({ format, fileName, line: 2, message: "step header line lacks 'Step Index' or 'Step Type'" });
  const mappings = recordHeader.map((c) => newareTextColumn(c.name, c.unit));
  const values = recordHeader.map(() => new Float64Builder(lines.length));
  const cycleCol = new Float64Builder(lines.length);
  const stepCol = new Float64Builder(lines.length);
  const typeCol = new Float64Builder(lines.length);
  let cycle = NaN;
  let step = NaN;
  let type = NaN;
  const takeStep = (fields: string[], offset: number): void => {
    step = Number(fields[offset + stepIndexAt - 1]);
    type = stepTypeOfNewareText((fields[offset + stepTypeAt - 1] ?? '').trim());
  };
  for (let n = 3; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === '') continue;
    const fields = line.split(',');
    if (fields[0] !== '') {
      cycle = Number(fields[0]);
      if (fields.length > cycleHeader.length) takeStep(fields, cycleHeader.length);
    } else if (fields[1] !== '') {
      takeStep(fields, 1);
    } else {
      for (let k = 0; k < mappings.length; k++) {
        const v = valueOf(mappings[k].kind, (fields[k + 2] ?? '').trim());
        if (Number.isNaN(v) && mappings[k].canonical === CanonicalColumn.RecordIndex) {
          throw new ParseError({ format, fileName, line: n + 1, message: `record row without a DataPoint: '${line.slice(0, 60)}'` });
        }
        values[k].push(v);
      }
      cycleCol.push(cycle);
      stepCol.push(step);
      typeCol.push(type);
    }
  }
  const rows = cycleCol.length;
  const columns: ParsedColumn[] = [];
  const stepType = typeCol.toArray();
  let current: Float64Array | undefined;
  recordHeader.forEach((cell, k) => {
    const arr = values[k].toArray();
    const m = mappings[k];
    const key = cell.name.trim().toLowerCase();
    if (m.canonical === CanonicalColumn.Current) current = arr;
    if (key === 'capacity' || key === 'energy') return; // split below, once current is known
    if (!m.canonical && arr.every((v) => Number.isNaN(v))) return;
    const col = toParsedColumn(arr, cell.text, m.kind === 'duration' || m.kind === 'date' ? 's' : (m.unit ?? cell.unit), m.canonical, warnings);
    columns.push({ ...col, originalUnit: cell.unit });
  });
  for (const [key, chargeName, dischargeName] of [
    ['capacity', CanonicalColumn.ChargingCapacity, CanonicalColumn.DischargingCapacity],
    ['energy', CanonicalColumn.ChargingEnergy, CanonicalColumn.DischargingEnergy],
  ] as const) {
    const k = recordHeader.findIndex((c) => c.name.trim().toLowerCase() === key);
    if (k < 0) continue;
    const { charge, discharge } = splitByDirection(values[k].toArray(), stepType, current);
    const cell = recordHeader[k];
    columns.push({ ...toParsedColumn(charge, `${cell.text} (charge steps)`, cell.unit, chargeName, warnings), originalUnit: cell.unit });
    columns.push({ ...toParsedColumn(discharge, `${cell.text} (discharge steps)`, cell.unit, dischargeName, warnings), originalUnit: cell.unit });
  }
  columns.push({ name: CanonicalColumn.CycleVendor, unit: '1', originalName: 'Cycle Index (cycle row)', originalUnit: null, values: cycleCol.toArray() });
  columns.push({ name: CanonicalColumn.StepIndex, unit: '1', originalName: 'Step Index (step row)', originalUnit: null, values: stepCol.toArray() });
  columns.push({ name: CanonicalColumn.StepType, unit: '1', originalName: 'Step Type (step row)', originalUnit: null, values: stepType });
  return { rows, columns };
}
