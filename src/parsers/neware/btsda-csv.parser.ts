import { ParseError, type CyclerParser, type ParseResult, type ParseWarning, type PlanInput, type TablePlan } from '../cycler-parser.js';
import { parsePlannedTable } from '../common/column-plan.js';
import { headText, readHeadLines } from '../common/text-lines.js';
import { planBtsdaFlatCsv } from './btsda-flat-csv.reader.js';
import { readBtsdaLayeredCsv } from './btsda-layered-csv.reader.js';

const FORMAT = 'neware-csv';
const VERSION = '1.0.0';

function kindOf(text: string): 'flat' | 'layered' | null {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  if (/^DataPoint,Cycle Index,Step Index/.test(first)) return 'flat';
  if (/^Cycle Index,Chg\. Cap\./.test(first) && /\n,,DataPoint,/.test(text)) return 'layered';
  return null;
}

function notNeware(fileName: string): ParseError {
  return new ParseError({ format: FORMAT, fileName, line: 1, message: "not a Neware BTSDA CSV (expected 'DataPoint,Cycle Index,...' or the layered 'Cycle Index,Chg. Cap.' header)" });
}

function metadataOf(kind: 'flat' | 'layered'): Record<string, unknown> {
  return { vendor: 'Neware', software: 'BTSDA', layout: kind, timeZone: 'unknown (local wall-clock time stored; Unix Time reads it as UTC)' };
}

/**
 * The table plan of a flat record CSV. The layered export has none: its record rows sit between cycle
 * and step rows and are reshaped over the whole file (btsda-layered-csv.reader.ts).
 */
function describe({ fileName, head }: PlanInput): TablePlan | null {
  const kind = kindOf(headText(head));
  if (!kind) throw notNeware(fileName);
  if (kind === 'layered') return null;
  const lines = readHeadLines(head, 60);
  const { layout, columns } = planBtsdaFlatCsv(lines, lines[0]);
  return {
    format: FORMAT, parserVersion: VERSION, columns,
    syntax: { delimiter: layout.delimiterByte, decimalComma: false }, dataStart: layout.dataStart, dataLine: layout.dataLine,
    metadata: metadataOf(kind), warnings: [], counters: { capacity: 'per-step', energy: 'per-step' },
  };
}

/** Neware BTSDA CSV exports: the flat record table and the layered cycle/step/record table. */
export const newareCsvParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Neware',
  label: 'Neware BTSDA CSV export',
  version: VERSION,
  extensions: ['.csv'],
  verified: true,
  detect({ head }) {
    return kindOf(headText(head)) ? 0.95 : 0;
  },
  async parse(input): Promise<ParseResult> {
    const { fileName, bytes } = input;
    const kind = kindOf(headText(bytes));
    if (kind === 'flat') return parsePlannedTable(describe({ ...input, head: bytes })!, input, { noRowsMessage: null });
    if (!kind) throw notNeware(fileName);
    const warnings: ParseWarning[] = [];
    const table = readBtsdaLayeredCsv(FORMAT, fileName, bytes, warnings);
    return { format: FORMAT, parserVersion: VERSION, rows: table.rows, columns: table.columns, metadata: metadataOf(kind), warnings, counters: { capacity: 'per-step', energy: 'per-step' } };
  },
  planTable: describe,
};
