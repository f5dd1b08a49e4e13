import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { CyclerParser, DetectInput, ParseInput, ParseResult, ParseWarning, PlanInput, TablePlan } from '../cycler-parser.js';
import { ParseError } from '../cycler-parser.js';
import { parsePlannedTable } from '../common/column-plan.js';
import { formatLocalIso, inferDateOrder } from '../common/date-time.js';
import { describeDelimitedTable } from '../common/delimited-header.js';
import { headerKey } from '../common/header-columns.js';
import { headText, readHeadLines, tailLines } from '../common/text-lines.js';
import { planMaccorColumns } from './maccor-columns.js';
import { maccorCounterMode } from './maccor-counter-mode.js';
import { parseMaccorPreamble } from './maccor-preamble.js';
import { MACCOR_PARSER_VERSION, maccorColumns } from './maccor-result.js';
import { sampleSegments } from './maccor-samples.js';
import { planTimeOfDay } from './maccor-time-of-day.js';
import { correctMaccorUnits } from './maccor-units.js';

const FORMAT = 'maccor-txt';
/** The warning for a column left out because a value of it does not read, and the column's header. */
type DroppedColumn = ParseWarning & { column: string };
/** Columns without which a file is not read; any other column that does not read is left out (TablePlan.dropColumn). */
const REQUIRED = new Set<string>([CanonicalColumn.TestTime, CanonicalColumn.Voltage, CanonicalColumn.Current]);
const headerSignature = /(^|[\r\n])\s*Rec#?\s*[\t,]\s*(Cyc#|Cycle [PC])/;

/** True when the header cells are a Maccor data header (Rec#/Rec + Cyc#/Cycle C/P + Step, or Cyc# + Step + Amp-hr + Volts). */
export function isMaccorHeader(text: string): boolean {
  const keys = text.split(/[\t,]/).map(headerKey);
  const cycle = keys.some((k) => k === 'cyc#' || k === 'cyclec' || k === 'cyclep');
  if (!cycle || !keys.includes('step')) return false;
  // Excel exports may drop Rec#; then the Maccor quantity names must be there.
  return keys.includes('rec#') || keys.includes('rec') || (keys.includes('amp-hr') && keys.includes('volts'));
}

function detect({ fileName, head }: DetectInput): number {
  const text = headText(head, 65536);
  const named = /\.(txt|csv|\d{3})$/i.test(fileName);
  if (/^Today'?'?s Date/.test(text) && headerSignature.test(text)) return 0.95;
  if (headerSignature.test(text)) return named ? 0.9 : 0.8;
  return 0;
}

/**
 * The table plan from the head of the file. Day or month first is decided by the first date that
 * tells, among the first data lines and then the last lines of the file: `tail` gives those (split;
 * from PlanInput.tail when planning for batches); without it a file whose first dates do not tell has no plan.
 */
function describe(input: PlanInput, tailBytes: Uint8Array | undefined, dropped: readonly DroppedColumn[] = []): TablePlan | null {
  const { fileName, head } = input;
  const tail = tailBytes ? (delimiter: string) => tailLines(tailBytes).map((t) => t.split(delimiter)) : null;
  const lines = readHeadLines(head, 400);
  const header = lines.find((l) => isMaccorHeader(l.text));
  if (!header) throw new ParseError({ format: FORMAT, fileName, message: 'no Maccor header line (Rec# / Cyc# / Step) in the first 400 lines' });
  const layout = describeDelimitedTable(lines, header);
  const dateIndex = layout.cells.findIndex((c) => headerKey(c.text) === 'dpttime');
  const dates = (rows: string[][]) => rows.map((f) => f[dateIndex] ?? '');
  const fallback = layout.decimalComma ? 'dmy' : 'mdy';
  const headDecides = dateIndex < 0 || inferDateOrder(dates(layout.samples), 'mdy') === inferDateOrder(dates(layout.samples), 'dmy');
  if (!headDecides && !tail) return null;
  const order = inferDateOrder(dates([...layout.samples, ...(tail?.(layout.delimiter) ?? [])]), fallback);
  const columns = planMaccorColumns(layout.cells, layout.samples, layout.decimalComma, order)
    .filter((c) => !dropped.some((d) => d.column === c.originalName));
  const segments = sampleSegments(head, tailBytes, header.number, layout.delimiter);
  const warnings: ParseWarning[] = dropped.map(({ column: _column, ...w }) => w);
  correctMaccorUnits(columns, segments, layout.decimalComma, order, warnings);
  const metadata = parseMaccorPreamble(lines.slice(0, header.number - 1).map((l) => l.text), layout.decimalComma, order);
  planTimeOfDay(columns, segments[0], layout.decimalComma, metadata, order, warnings);
  const counters = {
    capacity: maccorCounterMode(columns, segments, layout.decimalComma, 'capacity', warnings),
    energy: maccorCounterMode(columns, segments, layout.decimalComma, 'energy', warnings),
  };
  metadata.delimiter = layout.delimiter === '\t' ? 'tab' : layout.delimiter;
  metadata.decimalComma = layout.decimalComma;
  metadata.dateOrder = order;
  // buildMaccorResult's start time: the first date of the file (DPt Time is always read as Unix Time).
  const hasUnixTime = maccorColumns(columns, columns.map(() => new Float64Array(0)), 0, [], columns.map(() => false)).some((c) => c.name === CanonicalColumn.UnixTime);
  if (hasUnixTime) metadata.zoneUnknown = true;
  return {
    format: FORMAT, parserVersion: MACCOR_PARSER_VERSION, columns,
    syntax: { delimiter: layout.delimiterByte, decimalComma: layout.decimalComma }, dataStart: layout.dataStart, dataLine: layout.dataLine,
    metadata, warnings, counters,
    complete(first, out) {
      const t = first(CanonicalColumn.UnixTime);
      if (hasUnixTime && t === t) out.metadata.startTime = formatLocalIso(t);
    },
    toColumns: (values, warnings, hasValues) => maccorColumns(columns, values, values[0]?.length ?? 0, warnings, hasValues),
    dropColumn: (error) => {
      const column = columns.find((c) => c.originalName === error.field);
      if (!column || REQUIRED.has(column.canonical ?? '')) return null;
      const reason = error.message.slice(error.message.indexOf('): ') + 3);
      return describe(input, tailBytes, [...dropped, { column: column.originalName, code: 'column-dropped', line: error.line, message: `column '${column.originalName}' left out: ${reason} at line ${error.line}` }]);
    },
  };
}

function planTable(input: PlanInput): TablePlan | null {
  return describe(input, input.tail);
}

async function parse(input: ParseInput): Promise<ParseResult> {
  const plan = describe({ ...input, head: input.bytes }, input.bytes)!;
  return parsePlannedTable(plan, input);
}

/** Maccor ASCII exports: tab-separated .txt / channel-numbered (.001, .034), and CSV exports. */
export const maccorTextParser: CyclerParser = {
  name: FORMAT,
  vendor: 'maccor',
  label: 'Maccor ASCII / CSV export',
  version: MACCOR_PARSER_VERSION,
  // Channel-numbered files ('.034', '.052') are recognised by content; '.001' stands for them here.
  extensions: ['.txt', '.csv', '.001'],
  verified: true,
  detect,
  parse,
  planTable,
};
