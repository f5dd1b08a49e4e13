import type { CyclerParser, DetectInput, ParseInput, ParseResult, PlanInput, TablePlan } from '../cycler-parser.js';
import { ParseError } from '../cycler-parser.js';
import { parsePlannedTable } from '../common/column-plan.js';
import { formatLocalIso, parseDateTime } from '../common/date-time.js';
import { describeDelimitedTable } from '../common/delimited-header.js';
import { headText, readHeadLines } from '../common/text-lines.js';
import { planPecColumns } from './pec-columns.js';

const FORMAT = 'pec-csv';
const VERSION = '1.0.0';
const HEADER = /^Test,Cell,Rack,Shelf,Position/;

function detect({ head }: DetectInput): number {
  const text = headText(head, 65536);
  if (/^Request Year:,/.test(text) && /(^|\n)Test,Cell,Rack,Shelf/.test(text)) return 0.97;
  return /(^|\n)Test,Cell,Rack,Shelf,Position/.test(text) ? 0.9 : 0;
}

const META_KEYS: Record<string, string> = {
  'Test': 'testId', 'Test Description': 'description', 'TestRegime Name': 'procedure', 'TestRegime Version': 'procedureVersion',
  'TestRegime CellSize': 'cellSize', 'Chemistry': 'chemistry', 'Product ID': 'productId', 'Project': 'project',
  'Requestor': 'requestor', 'Test Temp': 'testTemperature', 'Start Time': 'startTimeText', 'End Time': 'endTimeText', 'LotID': 'lotId',
};

/** Key/value preamble ('Start Time:,02/22/2019 16:21:35'); the #RESULTS CHECK block is skipped. */
function parsePreamble(lines: string[]): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (const line of lines) {
    const m = /^([^,:]+):,(.*)$/.exec(line);
    if (!m) continue;
    const key = META_KEYS[m[1].trim()];
    const value = m[2].replace(/,+$/, '').trim();
    if (key && value !== '') meta[key] = value;
  }
  if (typeof meta.startTimeText === 'string') {
    const iso = formatLocalIso(parseDateTime(meta.startTimeText, 'mdy'));
    if (iso) meta.startTime = iso;
  }
  // '1/1/0001 0:00' marks an unfinished test.
  if (typeof meta.endTimeText === 'string' && /0001/.test(meta.endTimeText)) meta.unfinished = true;
  return meta;
}

function planTable({ fileName, head }: PlanInput): TablePlan {
  const lines = readHeadLines(head, 400);
  const header = lines.find((l) => HEADER.test(l.text));
  if (!header) throw new ParseError({ format: FORMAT, fileName, message: "no PEC header line ('Test,Cell,Rack,Shelf,Position ...') in the first 400 lines" });
  const layout = describeDelimitedTable(lines, header, { delimiter: ',' });
  return {
    format: FORMAT, parserVersion: VERSION, columns: planPecColumns(layout.cells, layout.samples),
    syntax: { delimiter: layout.delimiterByte, decimalComma: false }, dataStart: layout.dataStart, dataLine: layout.dataLine,
    metadata: { ...parsePreamble(lines.slice(0, header.number - 1).map((l) => l.text)), zoneUnknown: true },
    warnings: [], counters: { capacity: 'per-cycle', energy: 'per-cycle' },
  };
}

async function parse(input: ParseInput): Promise<ParseResult> {
  return parsePlannedTable(planTable({ ...input, head: input.bytes }), input);
}

/** PEC (SBT) CSV exports, old (mV/mA, seconds) and new (V/A, hh:mm:ss) units. */
export const pecParser: CyclerParser = {
  name: FORMAT,
  vendor: 'pec',
  label: 'PEC CSV export',
  version: VERSION,
  extensions: ['.csv'],
  verified: true,
  detect,
  parse,
  planTable,
};
