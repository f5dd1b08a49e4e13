import { CanonicalColumn, temperatureChannelName } from '../../domain/canonical-columns.js';
import type { CyclerParser, DetectInput, ParseInput, ParseResult, PlanInput, TablePlan } from '../cycler-parser.js';
import { ParseError } from '../cycler-parser.js';
import { parsePlannedTable, toParsedColumns } from '../common/column-plan.js';
import type { PlannedColumn } from '../common/column-plan.js';
import { formatLocalIso, parseDateTime } from '../common/date-time.js';
import { describeDelimitedTable } from '../common/delimited-header.js';
import type { HeaderCell } from '../common/header-columns.js';
import { namedFieldReader } from '../common/table-reader.js';
import { headText, readHeadLines } from '../common/text-lines.js';
import type { TextLine } from '../common/text-lines.js';

const FORMAT = 'basytec-txt';
const VERSION = '1.0.0';

/** BaSyTec column name → canonical column and the unit when the header gives none. */
const CANONICAL: Record<string, [string, string]> = {
  'time': [CanonicalColumn.TestTime, 's'],
  'dataset': [CanonicalColumn.RecordIndex, '1'],
  't-step': [CanonicalColumn.StepTime, 's'],
  'line': [CanonicalColumn.StepIndex, '1'],
  'u': [CanonicalColumn.Voltage, 'V'],
  'i': [CanonicalColumn.Current, 'A'],
  'p': [CanonicalColumn.Power, 'W'],
  'ah': [CanonicalColumn.NetCapacity, 'Ah'],
  'ah-cyc-charge': [CanonicalColumn.ChargingCapacity, 'Ah'],
  'ah-cyc-discharge': [CanonicalColumn.DischargingCapacity, 'Ah'],
  'wh-cyc-charge': [CanonicalColumn.ChargingEnergy, 'Wh'],
  'wh-cyc-discharge': [CanonicalColumn.DischargingEnergy, 'Wh'],
  'r-dc': [CanonicalColumn.InternalResistance, 'ohm'],
  'cyc-count': [CanonicalColumn.CycleVendor, '1'],
  't1': [temperatureChannelName(1), 'degC'],
};

const COMMAND_CODES: Record<string, number> = { pause: 0, rest: 0, charge: 1, discharge: -1 };
/** 'Command' text as a code: rest 0, charge 1, discharge -1, anything else 2. */
export const readBasytecCommand = namedFieldReader({ id: 'basytec-command' }, (bytes, start, end) => {
  let s = '';
  for (let i = start; i < end && s.length < 16; i++) s += String.fromCharCode(bytes[i] | 0x20);
  return COMMAND_CODES[s] ?? 2;
});

function detect({ head }: DetectInput): number {
  const text = headText(head, 8192);
  if (/^~Resultfile from Basytec/i.test(text)) return 0.98;
  return /(^|\n)~Time\[/.test(text) ? 0.9 : 0;
}

function planColumns(cells: HeaderCell[]): PlannedColumn[] {
  return cells.filter((c) => c.text !== '').map((cell) => {
    const index = cells.indexOf(cell);
    const base = { index, originalName: cell.text, originalUnit: cell.unit };
    if (cell.name.toLowerCase() === 'command') return { ...base, canonical: null, read: readBasytecCommand, lenient: true };
    const known = CANONICAL[cell.name.toLowerCase()];
    return known ? { ...base, canonical: known[0], valueUnit: cell.unit ?? known[1] } : { ...base, canonical: null, lenient: true };
  });
}

/** '~Name of Test: x' lines; '~Start of Test' is DD.MM.YYYY local time. */
function parsePreamble(lines: TextLine[]): Record<string, unknown> {
  const names: Record<string, string> = {
    'name of test': 'testName', 'battery': 'battery', 'testplan': 'procedure', 'testchannel': 'channel',
    'start of test': 'startTimeText', 'end of test': 'endTimeText', 'operator (test)': 'operator',
  };
  const meta: Record<string, unknown> = {};
  for (const l of lines) {
    const m = /^~([^:]+):\s*(.*)$/.exec(l.text);
    const key = m && names[m[1].trim().toLowerCase()];
    if (key && m[2].trim()) meta[key] = m[2].trim();
  }
  if (typeof meta.startTimeText === 'string') {
    const iso = formatLocalIso(parseDateTime(meta.startTimeText, 'dmy'));
    if (iso) meta.startTime = iso;
  }
  return meta;
}

/** Counter modes from the columns the result has. */
function countersOf(names: string[]): ParseResult['counters'] {
  const has = (name: string) => names.includes(name);
  return {
    capacity: has(CanonicalColumn.ChargingCapacity) ? 'per-cycle' : has(CanonicalColumn.NetCapacity) ? 'signed-net' : 'none',
    energy: has(CanonicalColumn.ChargingEnergy) ? 'per-cycle' : 'none',
  };
}

/** The table plan, with the counter modes of the columns that are there whatever the values. */
function describe({ fileName, head }: PlanInput): TablePlan {
  const lines = readHeadLines(head, 200);
  let h = -1;
  for (let i = 0; i < lines.length && lines[i].text.startsWith('~'); i++) h = i;
  // The column line is the last '~' line; it must hold the time column.
  if (h < 0 || !/^~Time\[/.test(lines[h].text)) throw new ParseError({ format: FORMAT, fileName, line: h + 1 || 1, message: "no BaSyTec column line ('~Time[...]') after the '~' header" });
  const header: TextLine = { ...lines[h], text: lines[h].text.slice(1) };
  const layout = describeDelimitedTable(lines, header);
  const columns = planColumns(layout.cells);
  return {
    format: FORMAT, parserVersion: VERSION, columns,
    syntax: { delimiter: layout.delimiterByte, decimalComma: layout.decimalComma }, dataStart: layout.dataStart, dataLine: layout.dataLine,
    metadata: { ...parsePreamble(lines.slice(0, h)), zoneUnknown: true, decimalComma: layout.decimalComma },
    warnings: [],
    counters: countersOf(toParsedColumns(columns, columns.map(() => new Float64Array(0)), [], columns.map((c) => c.canonical !== null)).map((c) => c.name)),
  };
}

const COUNTER_NAMES: string[] = [CanonicalColumn.ChargingCapacity, CanonicalColumn.NetCapacity, CanonicalColumn.ChargingEnergy];

function planTable(input: PlanInput): TablePlan | null {
  const plan = describe(input);
  // A column that is not canonical is kept only when it holds a value: one headed like a counter column
  // would make the counter modes depend on the whole file (no real export has one).
  return plan.columns.some((c) => c.canonical === null && COUNTER_NAMES.includes(c.originalName)) ? null : plan;
}

async function parse(input: ParseInput): Promise<ParseResult> {
  const result = await parsePlannedTable(describe({ ...input, head: input.bytes }), input);
  return { ...result, counters: countersOf(result.columns.map((c) => c.name)) };
}

/** BaSyTec Battery Test System text exports ('~' header lines, tab-separated). */
export const basytecParser: CyclerParser = {
  name: FORMAT,
  vendor: 'basytec',
  label: 'BaSyTec text export',
  version: VERSION,
  extensions: ['.txt'],
  verified: true,
  detect,
  parse,
  planTable,
};
