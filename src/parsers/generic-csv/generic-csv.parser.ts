import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { ColumnMapping, CounterMode, CyclerParser, DetectInput, ParseInput, ParseResult, PlanInput, TablePlan } from '../cycler-parser.js';
import { ParseError } from '../cycler-parser.js';
import { parsePlannedTable, toParsedColumns } from '../common/column-plan.js';
import { durationReader } from '../common/named-readers.js';
import type { DateOrder } from '../common/date-time.js';
import { readHeadLines } from '../common/text-lines.js';
import { planHeaderTable, type CellPlan } from './header-table.js';

const FORMAT = 'generic-csv';

/** Header cells of a line, unquoted and trimmed, split on the mapping's delimiter or the likeliest one. */
function cellsOf(text: string, delimiter?: string): string[] {
  const d = delimiter ?? (['\t', ';', ','] as const).reduce((best, c) => (text.split(c).length > text.split(best).length ? c : best), ',');
  return text.split(d).map((c) => c.trim().replace(/^"|"$/g, '').trim());
}

/** The header line: the mapping's, or the first of the first 100 lines holding every mapped header. */
function findMappedHeader(lines: { text: string; number: number }[], mapping: ColumnMapping): number {
  const wanted = Object.keys(mapping.columns);
  if (wanted.length === 0) return -1;
  if (mapping.headerLine !== undefined) {
    const line = lines[mapping.headerLine];
    return line && wanted.every((w) => cellsOf(line.text, mapping.delimiter).includes(w)) ? mapping.headerLine : -1;
  }
  return lines.slice(0, 100).findIndex((l) => {
    const cells = cellsOf(l.text, mapping.delimiter);
    return wanted.every((w) => cells.includes(w));
  });
}

/** High confidence only with a saved mapping whose headers all appear: the user said what the file is. */
function detect({ head, columnMapping }: DetectInput): number {
  if (!columnMapping) return 0;
  return findMappedHeader(readHeadLines(head, 100, head.length), columnMapping) >= 0 ? 0.99 : 0;
}

/** The first of `mappings` (saved mappings, best first) whose headers all appear in the file's first lines. */
export function pickColumnMapping<T extends ColumnMapping>(head: Uint8Array, mappings: readonly T[]): T | undefined {
  if (mappings.length === 0) return undefined;
  const lines = readHeadLines(head, 100, head.length);
  return mappings.find((m) => findMappedHeader(lines, m) >= 0);
}

/** Mapping units that are not physical units: date-times and clock durations. */
function planOf(target: { name: string; unit: string }): CellPlan {
  const m = /^datetime(?::(mdy|dmy|ymd))?$/i.exec(target.unit);
  if (m) return { canonical: target.name, unit: 's', dateTime: ((m[1] ?? 'ymd').toLowerCase() as DateOrder) };
  if (/^(hh:mm:ss|duration)$/i.test(target.unit)) return { canonical: target.name, unit: 's', read: durationReader };
  return { canonical: target.name, unit: target.unit };
}

function counterModeOf(names: string[]): CounterMode {
  if (names.includes(CanonicalColumn.ChargingCapacity) || names.includes(CanonicalColumn.DischargingCapacity)) return 'per-cycle';
  return names.includes(CanonicalColumn.NetCapacity) ? 'signed-net' : 'none';
}

/** Counter modes from the names of the columns the result has. */
function countersOf(names: string[]): ParseResult['counters'] {
  const energy = names.includes(CanonicalColumn.ChargingEnergy) || names.includes(CanonicalColumn.DischargingEnergy) ? 'per-cycle' : 'none';
  return { capacity: counterModeOf(names), energy };
}

const COUNTER_NAMES: string[] = [CanonicalColumn.ChargingCapacity, CanonicalColumn.DischargingCapacity, CanonicalColumn.NetCapacity, CanonicalColumn.ChargingEnergy, CanonicalColumn.DischargingEnergy];

/** The table plan of the mapped file, with the counter modes of the columns that are there whatever the values. */
function describe({ fileName, head, columnMapping: mapping }: PlanInput): TablePlan {
  if (!mapping) throw new ParseError({ format: FORMAT, fileName, message: 'a column mapping is required for generic CSV files' });
  const lines = readHeadLines(head, 400);
  const headerIndex = findMappedHeader(lines, mapping);
  if (headerIndex < 0) throw new ParseError({ format: FORMAT, fileName, line: 1, message: `no line holds every mapped header (${Object.keys(mapping.columns).join(', ')})` });
  const table = planHeaderTable({
    format: FORMAT,
    fileName,
    bytes: head,
    lines,
    delimiter: mapping.delimiter as '\t' | ',' | ';' | undefined,
    decimalComma: mapping.decimalComma,
    isHeader: (_t, line) => line.number === headerIndex + 1,
    planCell: (cell) => {
      const target = mapping.columns[cell.text.replace(/^"|"$/g, '').trim()];
      return target ? planOf(target) : null;
    },
  });
  const { columns } = table;
  const always = toParsedColumns(columns, columns.map(() => new Float64Array(0)), [], columns.map((c) => c.canonical !== null));
  return {
    format: FORMAT, parserVersion: '1', columns, syntax: table.syntax, dataStart: table.dataStart, dataLine: table.dataLine,
    metadata: { headerLine: headerIndex }, warnings: [], counters: countersOf(always.map((c) => c.name)),
    // Current (and power) written positive on discharge: each value's sign is flipped.
    toColumns: mapping.currentSign === 'positive-discharge' ? (values, warnings, hasValues) => {
      const parsed = toParsedColumns(columns, values, warnings, hasValues);
      for (const c of parsed) if (c.name === CanonicalColumn.Current || c.name === CanonicalColumn.Power) for (let i = 0; i < c.values.length; i++) c.values[i] = -c.values[i];
      return parsed;
    } : undefined,
  };
}

function planTable(input: PlanInput): TablePlan | null {
  const plan = describe(input);
  // An unmapped column is kept only when it holds a value: one headed like a counter column would make
  // the counter modes depend on the whole file.
  return plan.columns.some((c) => c.canonical === null && COUNTER_NAMES.includes(c.originalName)) ? null : plan;
}

async function parse(input: ParseInput): Promise<ParseResult> {
  const result = await parsePlannedTable(describe({ ...input, head: input.bytes }), input, { noRowsMessage: null });
  return { ...result, counters: countersOf(result.columns.map((c) => c.name)) };
}

export const genericCsvParser: CyclerParser = {
  name: FORMAT,
  vendor: 'any',
  label: 'CSV/TSV with a saved column mapping',
  version: '1',
  extensions: ['.csv', '.tsv', '.txt'],
  verified: true,
  detect,
  parse,
  planTable,
};
