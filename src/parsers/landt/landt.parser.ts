import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { ParseError, type CyclerParser, type DetectInput, type ParsedColumn, type ParseInput, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { toParsedColumn } from '../common/parsed-column.js';
import { cellDate, cellDuration, cellNumber, cellText, isSpreadsheetMagic, type Cell, type SheetRows } from '../common/spreadsheet.js';
import { readSheets } from '../common/spreadsheet-reader.js';
import { landtFieldOf, splitLandtHeader } from './landt-columns.js';

const FORMAT = 'landt-excel';

/** Spreadsheet signatures say nothing about the vendor; the name decides, else a low score that loses to any vendor claim. */
function detect({ head, fileName }: DetectInput): number {
  if (!isSpreadsheetMagic(head)) return 0;
  return /land|lanhe|cex/i.test(fileName) ? 0.7 : 0.15;
}

/** Row index of the real header: it holds 'Record' or 'Index' and a voltage column (multi-row headers above it). */
function headerRow(rows: Cell[][]): number {
  return rows.slice(0, 20).findIndex((r) => r.some((c) => /^(record|index)$/i.test(cellText(c))) && r.some((c) => /^voltage/i.test(cellText(c))));
}

function readSheet(sheet: SheetRows, h: number, names: Map<string, { values: number[]; unit: string | null; original: string }>, offset: number): number {
  const header = sheet.rows[h].map((c) => cellText(c));
  const data = sheet.rows.slice(h + 1);
  header.forEach((text, col) => {
    const { key, unit } = splitLandtHeader(text);
    const field = landtFieldOf(key);
    if (!field || names.has(field.canonical) && names.get(field.canonical)!.original !== text) return;
    const entry = names.get(field.canonical) ?? { values: new Array<number>(offset).fill(NaN), unit, original: text };
    for (const row of data) {
      const cell = row[col];
      entry.values.push(field.kind === 'duration' ? cellDuration(cell, 1) : field.kind === 'date' ? cellDate(cell, 'ymd') : cellNumber(cell));
    }
    names.set(field.canonical, entry);
  });
  for (const e of names.values()) while (e.values.length < offset + data.length) e.values.push(NaN);
  return data.length;
}

async function parse(input: ParseInput): Promise<ParseResult> {
  const { fileName } = input;
  const book = await readSheets({ format: FORMAT, fileName, bytes: input.bytes }, undefined, input.spreadsheetLimits);
  const record = book.sheets.filter((s) => /^record/i.test(s.name));
  const candidates = (record.length > 0 ? record : book.sheets).filter((s) => headerRow(s.rows) >= 0);
  if (candidates.length === 0) throw new ParseError({ format: FORMAT, fileName, message: `no sheet with a Landt record header (sheets: ${book.names.join(', ')})` });
  const names = new Map<string, { values: number[]; unit: string | null; original: string }>();
  let rows = 0;
  for (const sheet of candidates) rows += readSheet(sheet, headerRow(sheet.rows), names, rows);
  const warnings: ParseWarning[] = [{ code: 'UNVERIFIED_FORMAT', message: 'Landt reader written from documentation only; check the result against LANDdt' }];
  const columns: ParsedColumn[] = [];
  for (const [canonical, e] of names) {
    if (canonical === 'capacity' || canonical === 'energy') continue;
    const unit = canonical === CanonicalColumn.TestTime || canonical === CanonicalColumn.StepTime || canonical === CanonicalColumn.UnixTime ? 's' : e.unit;
    columns.push({ ...toParsedColumn(Float64Array.from(e.values), e.original, unit, canonical, warnings), originalUnit: e.unit });
  }
  const current = columns.find((c) => c.name === CanonicalColumn.Current)?.values;
  for (const [kind, chg, dchg] of [['capacity', CanonicalColumn.ChargingCapacity, CanonicalColumn.DischargingCapacity], ['energy', CanonicalColumn.ChargingEnergy, CanonicalColumn.DischargingEnergy]] as const) {
    const e = names.get(kind);
    if (!e || !current) continue;
    // One unsigned value per step; the current's sign says which way it counts.
    const split = (sign: number) => Float64Array.from(e.values, (v, i) => (Math.sign(current[i]) === sign ? Math.abs(v) : 0));
    columns.push({ ...toParsedColumn(split(1), e.original, e.unit, chg, warnings), originalUnit: e.unit });
    columns.push({ ...toParsedColumn(split(-1), e.original, e.unit, dchg, warnings), originalUnit: e.unit });
  }
  return { format: FORMAT, parserVersion: '1', rows, columns, metadata: { sheets: candidates.map((s) => s.name), verified: false, zoneUnknown: true }, warnings, counters: { capacity: 'per-step', energy: 'per-step' } };
}

/** UNVERIFIED: Landt/Lanhe Excel exports as formats.md §9 describes them; no sample file. */
export const landtParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Landt',
  label: 'Landt/Lanhe Excel export',
  version: '1',
  extensions: ['.xlsx', '.xls'],
  verified: false,
  detect,
  parse,
};
