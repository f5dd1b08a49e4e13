import type { CyclerParser, DetectInput, ParseInput, ParseResult, PlanInput, TablePlan } from '../cycler-parser.js';
import { ParseError } from '../cycler-parser.js';
import { genericCsvParser } from '../generic-csv/generic-csv.parser.js';
import { suffixedHeaderMapping } from './unit-suffix-header.js';

const FORMAT = 'unit-suffix-csv';

/**
 * Tables already normalised by a third party (data sets, other tools' exports): one header of
 * `quantity_unit` cells (Time_s, voltage_V, Current_A). Read as a generic CSV with the mapping the
 * header itself gives, so no mapping dialog is needed.
 */
function detect({ head }: DetectInput): number {
  // Below every vendor's own signature (those also carry units), above "could be anyone's".
  return suffixedHeaderMapping(head) ? 0.55 : 0;
}

function withMapping<T extends { fileName: string; columnMapping?: unknown }>(input: T, head: Uint8Array): T {
  const columnMapping = suffixedHeaderMapping(head);
  if (!columnMapping) throw new ParseError({ format: FORMAT, fileName: input.fileName, line: 1, message: 'no header line with time, voltage and current headed quantity_unit (e.g. Time_s, Voltage_V, Current_A) in the first 100 lines' });
  return { ...input, columnMapping };
}

function planTable(input: PlanInput): TablePlan | null {
  const plan = genericCsvParser.planTable!(withMapping(input, input.head));
  return plan && { ...plan, format: FORMAT, parserVersion: '1' };
}

async function parse(input: ParseInput): Promise<ParseResult> {
  const result = await genericCsvParser.parse(withMapping(input, input.bytes.subarray(0, 1 << 20)));
  return { ...result, format: FORMAT, parserVersion: '1' };
}

export const unitSuffixCsvParser: CyclerParser = {
  name: FORMAT,
  vendor: 'any',
  label: 'Normalised CSV (quantity_unit headers)',
  version: '1',
  extensions: ['.csv', '.tsv', '.txt'],
  verified: true,
  detect,
  parse,
  planTable,
};
