import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { CyclerParser, DetectInput, ParseInput, ParseResult, ParseWarning } from '../cycler-parser.js';
import { ParseError } from '../cycler-parser.js';
import { xlsxSheetNamesFromHead } from '../binary/zip-head.js';
import { formatLocalIso } from '../common/date-time.js';
import { splitHeaderCell } from '../common/header-columns.js';
import { cellDate, cellDuration, cellNumber, cellText, isSpreadsheetMagic } from '../common/spreadsheet.js';
import { readSheets } from '../common/spreadsheet-reader.js';
import type { Cell } from '../common/spreadsheet.js';
import { planMaccorColumns } from './maccor-columns.js';
import type { MaccorColumn } from './maccor-columns.js';
import { MACCOR_PARSER_VERSION, buildMaccorResult } from './maccor-result.js';
import { isMaccorHeader } from './maccor-text.parser.js';

const FORMAT = 'maccor-excel';
const DATA_SHEET = /^Data( \d+)?$/;

function detect({ fileName, head }: DetectInput): number {
  if (!isSpreadsheetMagic(head)) return 0;
  const names = xlsxSheetNamesFromHead(head);
  if (names) return names.includes('Data') ? 0.9 : 0;
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
  const utf16 = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('utf16le');
  if (/Cyc#|Amp-hr|Today''s Date/.test(text) || /Cyc#|Amp-hr|Today''s Date/.test(utf16)) return 0.9;
  return /\.xlsx?$/i.test(fileName) ? 0.2 : 0;
}

/** Metadata row: 'Today''s Date', serial, 'Date of Test:', serial, 'Filename:', path, 'Procedure', name, description ... */
function metadataOf(row: Cell[]): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (let i = 0; i < row.length - 1; i++) {
    const key = cellText(row[i]).replace(/:$/, '').toLowerCase();
    const value = row[i + 1];
    if (key === 'date of test') meta.startTime = formatLocalIso(cellDate(value)) ?? undefined;
    else if (key === "today''s date" || key === "today's date") meta.exportDate = formatLocalIso(cellDate(value)) ?? undefined;
    else if (key === 'filename') meta.originalFileName = cellText(value);
    else if (key === 'procedure') { meta.procedure = cellText(value); const d = cellText(row[i + 2]); if (d) meta.description = d; }
    else if (key === 'scap' && typeof value === 'number') meta.nominalCapacityAh = value;
  }
  return meta;
}

function cellValue(c: MaccorColumn, cell: Cell | undefined): number {
  if (c.canonical === CanonicalColumn.UnixTime) return cellDate(cell);
  // Excel exports write TestTime/StepTime as numbers in minutes (capacity = I · StepTime / 60 checks out).
  if (c.valueUnit === 's' && c.read) return cellDuration(cell, 60);
  if (c.role === 'state') return typeof cell === 'string' && c.read ? c.read(Buffer.from(cell.trim(), 'latin1'), 0, cell.trim().length) : NaN;
  return cellNumber(cell);
}

async function parse(input: ParseInput): Promise<ParseResult> {
  const { fileName } = input;
  const { sheets, messages } = await readSheets({ format: FORMAT, fileName, bytes: input.bytes }, DATA_SHEET, input.spreadsheetLimits);
  sheets.sort((a, b) => Number(a.name.slice(5) || 1) - Number(b.name.slice(5) || 1));
  if (sheets.length === 0) throw new ParseError({ format: FORMAT, fileName, message: "no 'Data' sheet" });
  const first = sheets[0].rows;
  const h = first.findIndex((r, i) => i < 10 && isMaccorHeader(r.map(cellText).join('\t')));
  if (h < 0) throw new ParseError({ format: FORMAT, fileName, message: "no Maccor header row (Cyc# / Step) in sheet 'Data'" });
  const headerText = first[h].map(cellText);
  const cells = headerText.map((t) => splitHeaderCell(t));
  const data: Cell[][] = [];
  for (const sheet of sheets) {
    const hi = sheet.rows.findIndex((r, i) => i < 10 && r.map(cellText).join('\t') === headerText.join('\t'));
    if (hi < 0) throw new ParseError({ format: FORMAT, fileName, message: `sheet '${sheet.name}' has a different header from 'Data'` });
    for (let i = hi + 1; i < sheet.rows.length; i++) data.push(sheet.rows[i]);
  }
  const samples = data.slice(0, 50).map((r) => r.map(cellText));
  const plan = planMaccorColumns(cells, samples, false, 'mdy');
  const values = plan.map((c) => {
    const out = new Float64Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = cellValue(c, data[i][c.index]);
    return out;
  });
  const warnings: ParseWarning[] = messages.slice(0, 20).map((message) => ({ code: 'workbook-reader', message }));
  if (plan.some((c) => c.valueUnit === 's' && c.read)) warnings.push({ code: 'time-unit-assumed', message: 'TestTime/StepTime numbers read as minutes (Maccor Excel export)' });
  const meta = { ...metadataOf(first[0] ?? []), sheets: sheets.map((s) => s.name), zoneUnknown: true };
  return buildMaccorResult(FORMAT, plan, values, data.length, meta, warnings);
}

/** Maccor Excel exports (.xls BIFF8 and .xlsx): metadata row, header row, data continued in 'Data 2', 'Data 3' ... */
export const maccorExcelParser: CyclerParser = {
  name: FORMAT,
  vendor: 'maccor',
  label: 'Maccor Excel export (.xls/.xlsx)',
  version: MACCOR_PARSER_VERSION,
  extensions: ['.xls', '.xlsx'],
  verified: true,
  detect,
  parse,
};
