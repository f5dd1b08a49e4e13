import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { ParseError, type CyclerParser, type DetectInput, type ParsedColumn, type ParseInput, type ParseResult, type ParseWarning, type PlanInput, type TablePlan } from '../cycler-parser.js';
import { parsePlannedTable } from '../common/column-plan.js';
import { parseDateTime } from '../common/date-time.js';
import { toParsedColumn } from '../common/parsed-column.js';
import { headText } from '../common/text-lines.js';
import { planHeaderTable } from '../generic-csv/header-table.js';

const FORMAT = 'ivium';
// The .idf text is ASCII / ISO-8859-1 after a short binary prefix.
const latin1 = new TextDecoder('windows-1252');
const UNVERIFIED: ParseWarning = { code: 'UNVERIFIED_FORMAT', message: 'Ivium reader written from documentation only; check the result against IviumSoft' };

function detect({ head, fileName }: DetectInput): number {
  const text = headText(head, 4096);
  if (/^\s*time \/s\tI \/mA\tE \/V/m.test(text)) return 0.8;
  if (/(^|[\r\n\x00-\x1f])Version=\d+/.test(text) && /starttime=|Tasks=/.test(text)) return /\.idf$/i.test(fileName) ? 0.9 : 0.75;
  return 0;
}

/** A 40-character data line of an .idf: time (s) [0,12), current (A) [13,25), potential (V) [26,…). */
function fixedWidth(line: string): [number, number, number] | null {
  if (line.length < 30) return null;
  const t = Number(line.slice(0, 12));
  const i = Number(line.slice(13, 25));
  const e = Number(line.slice(26).trim());
  return line.slice(0, 12).trim() !== '' && Number.isFinite(t) && Number.isFinite(i) && Number.isFinite(e) ? [t, i, e] : null;
}

function parseIdf(input: ParseInput): ParseResult {
  const text = latin1.decode(input.bytes);
  const lines = text.split(/\r?\n/);
  const metadata: Record<string, unknown> = { verified: false, zoneUnknown: true };
  const t: number[] = [], i: number[] = [], e: number[] = [];
  for (const line of lines) {
    const row = line.includes('=') ? null : fixedWidth(line);
    if (row) { t.push(row[0]); i.push(row[1]); e.push(row[2]); continue; }
    const m = /^starttime=(.*)$/i.exec(line.trim());
    if (m) metadata.startTime = m[1].trim(); // day first (formats.md §9)
    if (/^Tasks=/.test(line)) metadata.tasks = Number(line.slice(6));
  }
  if (t.length === 0) throw new ParseError({ format: FORMAT, fileName: input.fileName, line: lines.length, message: 'no fixed-width time/current/potential lines' });
  if (typeof metadata.startTime === 'string') metadata.startEpochS = parseDateTime(metadata.startTime, 'dmy');
  const warnings = [UNVERIFIED];
  const columns: ParsedColumn[] = [
    toParsedColumn(Float64Array.from(t), 'time', 's', CanonicalColumn.TestTime, warnings),
    toParsedColumn(Float64Array.from(i), 'current', 'A', CanonicalColumn.Current, warnings),
    toParsedColumn(Float64Array.from(e), 'potential', 'V', CanonicalColumn.Voltage, warnings),
  ];
  return { format: FORMAT, parserVersion: '1', rows: t.length, columns, metadata, warnings, counters: { capacity: 'none', energy: 'none' } };
}

function isTextExport(head: Uint8Array): boolean {
  return /^\s*time \/s\t/m.test(headText(head, 4096));
}

/** The tab text export: a table under 'time /s<TAB>I /mA<TAB>E /V'. */
function planText(fileName: string, head: Uint8Array): TablePlan {
  const names: Record<string, string> = { time: CanonicalColumn.TestTime, I: CanonicalColumn.Current, E: CanonicalColumn.Voltage };
  const table = planHeaderTable({
    format: FORMAT,
    fileName,
    bytes: head,
    delimiter: '\t',
    slash: true,
    isHeader: (text) => /^\s*time \/s\t/.test(text),
    planCell: (cell) => (names[cell.name] ? { canonical: names[cell.name], unit: cell.unit } : null),
  });
  return {
    format: FORMAT, parserVersion: '1', columns: table.columns, syntax: table.syntax, dataStart: table.dataStart, dataLine: table.dataLine,
    metadata: { verified: false }, warnings: [UNVERIFIED], counters: { capacity: 'none', energy: 'none' },
  };
}

/** The text export's plan; an .idf has none (fixed-width lines among key=value lines, read whole). */
function planTable({ fileName, head }: PlanInput): TablePlan | null {
  return isTextExport(head) ? planText(fileName, head) : null;
}

async function parse(input: ParseInput): Promise<ParseResult> {
  return isTextExport(input.bytes) ? parsePlannedTable(planText(input.fileName, input.bytes), input, { noRowsMessage: null }) : parseIdf(input);
}

/** UNVERIFIED: .idf and the tab text export, implemented from formats.md §9; no sample file. */
export const iviumParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Ivium',
  label: 'Ivium .idf / text export',
  version: '1',
  extensions: ['.idf', '.txt'],
  verified: false,
  detect,
  parse,
  planTable,
};
