import { ParseError, type CyclerParser, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { headText, readHeadLines } from '../common/text-lines.js';
import { readBtsdaFlatCsv } from './btsda-flat-csv.reader.js';
import { readBtsdaLayeredCsv } from './btsda-layered-csv.reader.js';

const FORMAT = 'neware-csv';
const VERSION = '1.0.0';

function kindOf(text: string): 'flat' | 'layered' | null {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  if (/^DataPoint,Cycle Index,Step Index/.test(first)) return 'flat';
  if (/^Cycle Index,Chg\. Cap\./.test(first) && /\n,,DataPoint,/.test(text)) return 'layered';
  return null;
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
  async parse({ fileName, bytes, readTable }): Promise<ParseResult> {
    const kind = kindOf(headText(bytes));
    if (!kind) throw new ParseError({ format: FORMAT, fileName, line: 1, message: "not a Neware BTSDA CSV (expected 'DataPoint,Cycle Index,...' or the layered 'Cycle Index,Chg. Cap.' header)" });
    const warnings: ParseWarning[] = [];
    let table;
    if (kind === 'flat') {
      const lines = readHeadLines(bytes, 60);
      table = await readBtsdaFlatCsv(FORMAT, fileName, bytes, lines, lines[0], warnings, readTable);
    } else {
      table = readBtsdaLayeredCsv(FORMAT, fileName, bytes, warnings);
    }
    return {
      format: FORMAT,
      parserVersion: VERSION,
      rows: table.rows,
      columns: table.columns,
      metadata: { vendor: 'Neware', software: 'BTSDA', layout: kind, timeZone: 'unknown (local wall-clock time stored; Unix Time reads it as UTC)' },
      warnings,
      counters: { capacity: 'per-step', energy: 'per-step' },
    };
  },
};
