import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { ParseError, type CyclerParser, type ParsedColumn, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { type Cell, type SheetRows, cellDate, cellNumber, cellText, isSpreadsheetMagic } from '../common/spreadsheet.js';
import { readSheets } from '../common/spreadsheet-reader.js';
import { splitHeaderCell } from '../common/header-columns.js';
import { toParsedColumn } from '../common/parsed-column.js';
import { assertSoundWorkbook } from '../binary/workbook-guard.js';
import { dotNetTicksToEpochSeconds, formatLocalIso, oleDateToEpochSeconds } from '../common/date-time.js';
import { xlsxSheetNamesFromHead } from '../binary/zip-head.js';
import { planArbinColumns } from './arbin-csv-columns.js';

const FORMAT = 'arbin-xlsx';
const VERSION = '1.0.0';
const CHANNEL_SHEET = /^Channel_(\d+)_(\d+)$/;
const SQL_SHEET_HEADER = ['Date_Time', 'Data_Point', 'Cycle_ID', 'Step_ID'];

/** Arbin SQL exports store Date_Time as 100 ns ticks, since 1970 in the samples, since 0001 in .NET proper. */
function ticksToEpochSeconds(ticks: number): number {
  return ticks > 3e17 ? dotNetTicksToEpochSeconds(ticks) : ticks / 1e7;
}

function isSqlSheet(s: SheetRows): boolean {
  const header = (s.rows[0] ?? []).map(cellText);
  return SQL_SHEET_HEADER.every((h) => header.includes(h));
}

/** Data sheets of one channel in continuation order (Channel_11_1, Channel_11_2 ...). */
function channelSheets(sheets: SheetRows[], warnings: ParseWarning[]): SheetRows[] {
  const data = sheets.filter((s) => CHANNEL_SHEET.test(s.name));
  const channels = [...new Set(data.map((s) => CHANNEL_SHEET.exec(s.name)![1]))];
  if (channels.length > 1) warnings.push({ code: 'SEVERAL_CHANNELS', message: `channels ${channels.join(', ')} in one workbook: only channel ${channels[0]} is read` });
  return data.filter((s) => CHANNEL_SHEET.exec(s.name)![1] === channels[0]).sort((a, b) => Number(CHANNEL_SHEET.exec(a.name)![2]) - Number(CHANNEL_SHEET.exec(b.name)![2]));
}

/** Global_Info: a title block, then the real header row ('Channel', 'Start DateTime', ...) and one value row. */
function globalInfo(rows: Cell[][] | undefined): Record<string, unknown> {
  if (!rows) return {};
  const at = rows.findIndex((r) => cellText(r[0]) === 'Channel');
  if (at < 0 || !rows[at + 1]) return {};
  const h = rows[at].map(cellText);
  const v = rows[at + 1];
  const get = (n: string): Cell => v[h.indexOf(n)] ?? null;
  const start = get('Start DateTime');
  return {
    channel: cellNumber(get('Channel')),
    startTime: typeof start === 'number' ? formatLocalIso(oleDateToEpochSeconds(start)) : cellText(start) || null,
    schedule: cellText(get('Schedule File Name')) || null,
    creator: cellText(get('Creator')) || null,
    comments: cellText(get('Comments')) || null,
    software: cellText(get('Software Version')) || null,
    scheduleVersion: cellText(get('Schedule Version')) || null,
    itemId: cellText(get('Item ID')) || null,
    testName: cellText(rows[1]?.[3]) || null,
  };
}

function toColumns(header: string[], rows: Cell[][], dateKind: 'ole' | 'ticks', warnings: ParseWarning[]): ParsedColumn[] {
  // SQL export spellings → the Data Watcher names the Arbin column plan knows.
  const cells = header.map((h) => {
    const cell = splitHeaderCell(h);
    const alias: Record<string, string> = { Cycle_ID: 'Cycle_Index', Step_ID: 'Step_Index' };
    return alias[cell.name] ? { ...cell, name: alias[cell.name] } : cell;
  });
  const samples = rows.slice(0, 50).map((r) => r.map((c) => (typeof c === 'number' ? String(c) : cellText(c))));
  const plan = planArbinColumns(cells, samples, 'mdy');
  return plan.map((c) => {
    const isDate = c.canonical === CanonicalColumn.UnixTime;
    const values = Float64Array.from(rows, (r) => {
      const cell = r[c.index] ?? null;
      if (!isDate) return cellNumber(cell);
      if (typeof cell === 'number') return dateKind === 'ticks' ? ticksToEpochSeconds(cell) : oleDateToEpochSeconds(cell);
      return cellDate(cell, 'mdy');
    });
    const col = toParsedColumn(values, c.originalName, isDate ? 's' : (c.valueUnit ?? c.originalUnit), c.canonical, warnings);
    return { ...col, originalUnit: c.originalUnit };
  }).filter((c) => c.name !== c.originalName || c.values.some((v) => !Number.isNaN(v)));
}

/** Arbin MITS Pro Excel export (Global_Info + Channel_<ch>_<n> sheets) and the MITS Pro 8 SQL table export. */
export const arbinXlsxParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Arbin',
  label: 'Arbin Excel export',
  version: VERSION,
  extensions: ['.xlsx', '.xls'],
  verified: true,
  detect({ fileName, head }) {
    if (!isSpreadsheetMagic(head)) return 0;
    const names = xlsxSheetNamesFromHead(head);
    if (names) return names.some((n) => CHANNEL_SHEET.test(n)) || names.includes('Global_Info') || names.includes('arbin_sql') ? 0.9 : 0;
    // .xls: sheet names appear in the workbook stream as 8-bit or UTF-16 text.
    const text = new TextDecoder('latin1').decode(head).replace(/\0/g, '');
    if (/Global_Info/.test(text) && /Channel_\d+_\d+/.test(text)) return 0.9;
    return /Channel_\d+/.test(fileName) ? 0.3 : 0;
  },
  async parse({ fileName, bytes, spreadsheetLimits }): Promise<ParseResult> {
    assertSoundWorkbook(FORMAT, fileName, bytes);
    const book = await readSheets({ format: FORMAT, fileName, bytes }, undefined, spreadsheetLimits);
    const warnings: ParseWarning[] = [];
    const sql = book.sheets.find(isSqlSheet);
    const data = sql ? [sql] : channelSheets(book.sheets, warnings);
    if (data.length === 0) throw new ParseError({ format: FORMAT, fileName, byte: 0, message: `no Arbin data sheet (Channel_<n>_<k> or an SQL export table) in sheets ${book.names.join(', ')}` });
    const header = (data[0].rows[0] ?? []).map(cellText);
    if (!header.some((h) => /^Voltage/i.test(h))) throw new ParseError({ format: FORMAT, fileName, byte: 0, field: data[0].name, message: `sheet ${data[0].name} has no 'Voltage' header in its first row` });
    const rows = data.flatMap((s) => s.rows.slice(1).filter((r) => r.some((c) => c !== null && c !== '')));
    const columns = toColumns(header, rows, sql ? 'ticks' : 'ole', warnings);
    const metadata: Record<string, unknown> = {
      vendor: 'Arbin',
      layout: sql ? 'sql-export' : 'mits-pro-excel',
      sheets: data.map((s) => s.name),
      ...globalInfo(book.sheets.find((s) => s.name === 'Global_Info')?.rows),
      timeZone: sql ? 'UTC (tick timestamps)' : 'unknown (local wall-clock time stored; Unix Time reads it as UTC)',
    };
    if (sql) {
      const first = rows[0] ?? [];
      metadata.testName = cellText(first[header.indexOf('Test_Name')]) || null;
      metadata.channel = cellNumber(first[header.indexOf('Channel_ID')]);
      warnings.push({ code: 'SQL_EXPORT', message: 'Arbin SQL table export: Date_Time read as 100 ns ticks' });
    }
    return {
      format: FORMAT,
      parserVersion: VERSION,
      rows: rows.length,
      columns,
      metadata,
      warnings,
      counters: { capacity: 'per-cycle', energy: 'per-cycle' },
    };
  },
};
