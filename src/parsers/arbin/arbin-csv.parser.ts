import type { CyclerParser, DetectInput, NotDataVerdict, ParseInput, ParseResult, PlanInput, TablePlan } from '../cycler-parser.js';
import { ParseError } from '../cycler-parser.js';
import { parsePlannedTable } from '../common/column-plan.js';
import { formatLocalIso, inferDateOrder } from '../common/date-time.js';
import { describeDelimitedTable } from '../common/delimited-header.js';
import { headerKey } from '../common/header-columns.js';
import { headText, readHeadLines } from '../common/text-lines.js';
import { planArbinColumns } from './arbin-csv-columns.js';
import { isArbinMetadataHeader, parseArbinMetadataCsv } from './arbin-metadata-csv.js';

const FORMAT = 'arbin-csv';
const VERSION = '1.0.0';

function firstLine(head: Uint8Array): string {
  return headText(head, 4096).split(/\r?\n/)[0] ?? '';
}

/** Data_Point + Test_Time (any spelling) + Voltage in one comma-separated header line. */
function isArbinHeader(line: string): boolean {
  const keys = line.split(',').map((c) => headerKey(c.replace(/\(.*\)/, '')));
  return keys[0] === 'datapoint' && keys.includes('testtime') && keys.includes('voltage');
}

function detect({ head }: DetectInput): number {
  // A _Metadata.csv scores 0 here: classifyNotData reports it as a companion.
  return isArbinHeader(firstLine(head)) ? 0.95 : 0;
}

function classifyNotData({ head }: DetectInput): NotDataVerdict | null {
  return isArbinMetadataHeader(firstLine(head))
    ? { kind: 'metadata', description: 'Arbin test metadata (TRI/BEEP _Metadata.csv, a Global_Table dump): upload it as a companion of its data CSV' }
    : null;
}

function planTable({ fileName, head, companions }: PlanInput): TablePlan {
  const lines = readHeadLines(head, 60);
  const header = lines[0];
  if (!header || !isArbinHeader(header.text)) {
    if (header && isArbinMetadataHeader(header.text)) throw new ParseError({ format: FORMAT, fileName, line: 1, message: 'this is an Arbin _Metadata.csv companion, not a data file' });
    throw new ParseError({ format: FORMAT, fileName, line: 1, message: 'first line is not an Arbin header (Data_Point, Test_Time, Voltage ...)' });
  }
  const layout = describeDelimitedTable(lines, header, { delimiter: ',' });
  const dateIndex = layout.cells.findIndex((c) => headerKey(c.name) === 'datetime');
  const order = inferDateOrder(layout.samples.map((f) => f[dateIndex] ?? ''), 'mdy');
  const metadata: Record<string, unknown> = { zoneUnknown: true };
  const companion = companions?.find((c) => /_metadata\.csv$/i.test(c.fileName));
  if (companion) Object.assign(metadata, parseArbinMetadataCsv(companion.bytes), { companion: companion.fileName });
  return {
    format: FORMAT, parserVersion: VERSION, columns: planArbinColumns(layout.cells, layout.samples, order),
    syntax: { delimiter: layout.delimiterByte, decimalComma: false }, dataStart: layout.dataStart, dataLine: layout.dataLine,
    metadata, warnings: [], counters: { capacity: 'per-cycle', energy: 'per-cycle' },
    complete(first, out) {
      if (!out.metadata.startTime) out.metadata.startTime = formatLocalIso(first('Unix Time / s')) ?? undefined;
      for (const key of ['Cycle Vendor / 1', 'Step Index / 1']) {
        const planned = this.columns.find((c) => c.canonical === key);
        if (planned && first(key) !== first(key)) out.warnings.push({ code: 'empty-column', message: `'${planned.originalName}' is empty in every row; derived from the current instead` });
      }
    },
  };
}

async function parse(input: ParseInput): Promise<ParseResult> {
  return parsePlannedTable(planTable({ ...input, head: input.bytes }), input);
}

/** Arbin MITS Pro CSV exports (all header spellings, BOM, tab-prefixed dates) and the TRI/BEEP CSV dumps. */
export const arbinCsvParser: CyclerParser = {
  name: FORMAT,
  vendor: 'arbin',
  label: 'Arbin CSV export (MITS Pro, TRI/BEEP dump)',
  version: VERSION,
  extensions: ['.csv'],
  verified: true,
  detect,
  classifyNotData,
  parse,
  planTable,
};
