import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { ParseError, type CyclerParser, type ParsedColumn, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { type Cell, cellDate, cellDuration, cellNumber, cellText, isSpreadsheetMagic } from '../common/spreadsheet.js';
import { readSheets } from '../common/spreadsheet-reader.js';
import { splitHeaderCell } from '../common/header-columns.js';
import { toParsedColumn } from '../common/parsed-column.js';
import { assertSoundWorkbook } from '../binary/workbook-guard.js';
import { formatLocalIso, parseDateTime } from '../common/date-time.js';
import { newareTextColumn, splitByDirection, stepTypeOfNewareText } from './neware-text-columns.js';
import { deriveTestTime } from './neware-records.js';

const FORMAT = 'neware-xls';
const VERSION = '1.0.0';
const isDetail = (name: string): boolean => /^Detail_\d+_\d+_\d+(_\d+)?$/.test(name);
/** The sheets read: the detail records and 'Info'. */
const READ_SHEETS = /^(Detail_\d+_\d+_\d+(_\d+)?|Info)$/;

function cellValue(kind: string, cell: Cell): number {
  if (kind === 'duration') return cellDuration(cell, 1);
  if (kind === 'date') return cellDate(cell, 'ymd');
  if (kind === 'stepType') return stepTypeOfNewareText(cellText(cell));
  return cellNumber(cell);
}

function readInfo(rows: Cell[][] | undefined): Record<string, unknown> {
  const meta: Record<string, unknown> = { vendor: 'Neware', software: 'BTS 7 (BTSDA Excel export)' };
  if (!rows) return meta;
  const headerAt = rows.findIndex((r) => cellText(r[0]) === 'Equipment');
  if (headerAt >= 0 && rows[headerAt + 1]) {
    const h = rows[headerAt].map(cellText);
    const v = rows[headerAt + 1];
    const get = (name: string): string => cellText(v[h.indexOf(name)]);
    meta.device = get('Equipment');
    meta.unit = get('Unit');
    meta.channel = get('Channel');
    meta.barcode = get('Battery of Number(P/N)');
    meta.schedule = get('File of Step');
    const start = parseDateTime(get('Start time'), 'ymd');
    meta.startTime = Number.isNaN(start) ? null : formatLocalIso(start);
    if (get('Remark')) meta.remarks = get('Remark');
  }
  const mode = rows.map((r) => cellText(r[0])).find((t) => t.startsWith('Cycle Mode:'));
  if (mode) meta.cycleMode = mode.slice('Cycle Mode:'.length).trim();
  meta.timeZone = 'unknown (local wall-clock time stored; Unix Time reads it as UTC)';
  return meta;
}

/** Neware BTS 7.x Excel export (.xls/.xlsx): 'Info' + 'Detail_<unit>_<ch>_<n>' record sheets (concatenated). */
export const newareXlsParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Neware',
  label: 'Neware BTS Excel export',
  version: VERSION,
  extensions: ['.xls', '.xlsx'],
  verified: true,
  detect({ head }) {
    if (!isSpreadsheetMagic(head)) return 0;
    // Sheet names sit in the workbook stream as UTF-16 (xls) or plain text (xlsx).
    const text = new TextDecoder('latin1').decode(head);
    return /D\0?e\0?t\0?a\0?i\0?l\0?_\0?\d/.test(text) && /S\0?t\0?a\0?t\0?i\0?s\0?_/.test(text) ? 0.9 : 0;
  },
  async parse({ fileName, bytes, spreadsheetLimits }): Promise<ParseResult> {
    assertSoundWorkbook(FORMAT, fileName, bytes);
    const book = await readSheets({ format: FORMAT, fileName, bytes }, READ_SHEETS, spreadsheetLimits);
    const details = book.sheets.filter((s) => isDetail(s.name));
    if (details.length === 0) throw new ParseError({ format: FORMAT, fileName, byte: 0, message: `no 'Detail_*' sheet (sheets: ${book.names.join(', ')})` });
    const header = (details[0].rows[0] ?? []).map(cellText);
    if (!header.some((h) => /^Voltage/i.test(h))) throw new ParseError({ format: FORMAT, fileName, byte: 0, field: details[0].name, message: `sheet ${details[0].name} has no 'Voltage' header in its first row` });
    const cells = header.map((h) => splitHeaderCell(h));
    const mappings = cells.map((c) => newareTextColumn(c.name, c.unit));
    const dataRows = details.flatMap((s) => s.rows.slice(1).filter((r) => r.length > 0 && cellText(r[0]) !== ''));
    const raw = mappings.map((m, k) => Float64Array.from(dataRows, (r) => cellValue(m.kind, r[k] ?? null)));
    const warnings: ParseWarning[] = [];
    const columns: ParsedColumn[] = [];
    const find = (canonical: string): Float64Array | undefined => raw[mappings.findIndex((m) => m.canonical === canonical)];
    const stepType = find(CanonicalColumn.StepType);
    const stepCount = find(CanonicalColumn.StepCount);
    const stepTime = find(CanonicalColumn.StepTime);
    let current: Float64Array | undefined;
    cells.forEach((cell, k) => {
      const m = mappings[k];
      const key = cell.name.toLowerCase();
      if (key === 'capacity' || key === 'energy') return;
      if (!m.canonical && raw[k].every((v) => Number.isNaN(v))) return;
      const col = toParsedColumn(raw[k], cell.text, m.kind === 'duration' || m.kind === 'date' ? 's' : (m.unit ?? cell.unit), m.canonical, warnings);
      if (col.name === CanonicalColumn.Current) current = col.values;
      columns.push({ ...col, originalUnit: cell.unit });
    });
    for (const [key, chargeName, dischargeName] of [
      ['capacity', CanonicalColumn.ChargingCapacity, CanonicalColumn.DischargingCapacity],
      ['energy', CanonicalColumn.ChargingEnergy, CanonicalColumn.DischargingEnergy],
    ] as const) {
      const k = cells.findIndex((c) => c.name.toLowerCase() === key);
      if (k < 0) continue;
      const { charge, discharge } = splitByDirection(raw[k], stepType, current);
      columns.push({ ...toParsedColumn(charge, `${cells[k].text} (charge steps)`, cells[k].unit, chargeName, warnings), originalUnit: cells[k].unit });
      columns.push({ ...toParsedColumn(discharge, `${cells[k].text} (discharge steps)`, cells[k].unit, dischargeName, warnings), originalUnit: cells[k].unit });
    }
    if (!find(CanonicalColumn.TestTime) && stepCount && stepTime) {
      // The Detail sheet has only the time within each step: test time accumulates step times.
      columns.push({ name: CanonicalColumn.TestTime, unit: 's', originalName: 'Relative Time (cumulated over steps)', originalUnit: 'h:min:s.ms', values: deriveTestTime(stepCount, stepTime) });
    }
    return {
      format: FORMAT,
      parserVersion: VERSION,
      rows: dataRows.length,
      columns,
      metadata: { ...readInfo(book.sheets.find((s) => s.name === 'Info')?.rows), sheets: details.map((s) => s.name) },
      warnings,
      counters: { capacity: 'per-step', energy: 'per-step' },
    };
  },
};
