import type { CyclerParser, DetectInput, ParseInput, ParseResult } from '../cycler-parser.js';
import { ParseError } from '../cycler-parser.js';
import { readPlannedTableWith } from '../common/column-plan.js';
import { inferDateOrder } from '../common/date-time.js';
import { describeDelimitedTable } from '../common/delimited-header.js';
import { headerKey } from '../common/header-columns.js';
import { headText, readHeadLines, tailLines } from '../common/text-lines.js';
import { planMaccorColumns } from './maccor-columns.js';
import { parseMaccorPreamble } from './maccor-preamble.js';
import { MACCOR_PARSER_VERSION, buildMaccorResult } from './maccor-result.js';

const FORMAT = 'maccor-txt';
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

async function parse(input: ParseInput): Promise<ParseResult> {
  const { bytes, fileName } = input;
  const lines = readHeadLines(bytes, 400);
  const header = lines.find((l) => isMaccorHeader(l.text));
  if (!header) throw new ParseError({ format: FORMAT, fileName, message: 'no Maccor header line (Rec# / Cyc# / Step) in the first 400 lines' });
  const layout = describeDelimitedTable(lines, header);
  const dateIndex = layout.cells.findIndex((c) => headerKey(c.text) === 'dpttime');
  const tail = tailLines(bytes).map((t) => t.split(layout.delimiter));
  const order = inferDateOrder([...layout.samples, ...tail].map((f) => f[dateIndex] ?? ''), layout.decimalComma ? 'dmy' : 'mdy');
  const plan = planMaccorColumns(layout.cells, layout.samples, layout.decimalComma, order);
  const { rows, values, warnings } = await readPlannedTableWith(input.readTable, plan, {
    format: FORMAT, fileName, bytes, start: layout.dataStart, firstLineNumber: layout.dataLine,
    delimiter: layout.delimiterByte, decimalComma: layout.decimalComma, onProgress: input.onProgress,
  });
  if (rows === 0) throw new ParseError({ format: FORMAT, fileName, line: layout.dataLine, message: 'no data rows after the header' });
  const meta = parseMaccorPreamble(lines.slice(0, header.number - 1).map((l) => l.text), layout.decimalComma, order);
  meta.delimiter = layout.delimiter === '\t' ? 'tab' : layout.delimiter;
  meta.decimalComma = layout.decimalComma;
  meta.dateOrder = order;
  return buildMaccorResult(FORMAT, plan, values, rows, meta, warnings);
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
};
