import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { CyclerParser, DetectInput, ParsedColumn, ParseInput, ParseResult, ParseWarning, PlanInput, TablePlan } from '../cycler-parser.js';
import { ParseError } from '../cycler-parser.js';
import { parsePlannedTable } from '../common/column-plan.js';
import type { PlannedColumn } from '../common/column-plan.js';
import { describeDelimitedTable } from '../common/delimited-header.js';
import { dateTimeReader } from '../common/named-readers.js';
import { toParsedColumn } from '../common/parsed-column.js';
import { headText, readHeadLines } from '../common/text-lines.js';
import { toCanonicalMprColumns } from './mpr-canonical.js';
import type { MprColumn } from './mpr-data-module.js';
import { findMptHeaderLine, isBiologicColumnLine, parseMptHeader } from './mpt-header.js';

const FORMAT = 'biologic-mpt';
const VERSION = '1.0.0';
const STRICT = new Set(['time/s', 'Ewe/V', 'Ecell/V', 'I/mA', '<I>/mA']);
const readDate = dateTimeReader('mdy');

function detect({ head }: DetectInput): number {
  const text = headText(head, 8192);
  if (/^(EC|BT)-Lab ASCII FILE/i.test(text)) return 0.98;
  return isBiologicColumnLine(text.split(/\r?\n/)[0] ?? '') ? 0.9 : 0;
}

/** Text headers as the .mpr column table names them (degree sign lost or mis-decoded in many exports). */
function canonicalHeader(text: string): string {
  return /^Temperature\/.{0,2}C$/.test(text) ? 'Temperature/°C' : text;
}

const ABSOLUTE_TIME_UNIT = 'MM/DD/YYYY hh:mm:ss.fff';

/**
 * The parsed columns of the file's rows, as .mpr columns give them. Row by row (so also for a batch of
 * rows, TablePlan.toColumns) except in two layouts, which therefore have no plan for batches: BT-Lab's
 * date-times in 'time/s' (Test Time counts from the file's first time stamp) and a current derived from
 * dq over the time step (from the row before).
 */
function mptColumns(plan: PlannedColumn[], values: Float64Array[], warnings: ParseWarning[], absoluteTime: boolean) {
  const raw: MprColumn[] = plan.map((c, k) => ({ id: -1, header: canonicalHeader(c.originalName), values: values[k] }));
  const extra: ParsedColumn[] = [];
  if (absoluteTime) {
    // BT-Lab wrote date-times into 'time/s': keep them as Unix Time, and time/s becomes seconds since the first row.
    const time = raw.find((c) => c.header === 'time/s')!;
    const unix = time.values;
    const t0 = unix.find((v) => v === v) ?? NaN;
    time.values = unix.map((v) => v - t0);
    extra.push({ name: CanonicalColumn.UnixTime, unit: 's', originalName: 'time/s', originalUnit: ABSOLUTE_TIME_UNIT, values: unix });
  }
  const { columns, hasHalfCycleCounter, energy } = toCanonicalMprColumns(raw, warnings);
  const hasNet = columns.some((c) => c.name === CanonicalColumn.NetCapacity);
  // Same counter policy as .mpr: (Q-Qo) first; BT-Lab's separate 'Q charge' / 'Q discharge'
  // (accumulating per cycle) only when there is neither (Q-Qo) nor 'Q charge/discharge'.
  const qc = raw.find((c) => c.header === 'Q charge/mA.h');
  const qd = raw.find((c) => c.header === 'Q discharge/mA.h');
  const separate = !hasNet && !hasHalfCycleCounter && (qc !== undefined || qd !== undefined);
  if (separate) {
    const drop = new Set(['Q charge/mA.h', 'Q discharge/mA.h']);
    for (let i = columns.length - 1; i >= 0; i--) if (drop.has(columns[i].originalName)) columns.splice(i, 1);
    if (qc) extra.push(toParsedColumn(qc.values, 'Q charge/mA.h', 'mA.h', CanonicalColumn.ChargingCapacity, warnings));
    if (qd) extra.push(toParsedColumn(qd.values, 'Q discharge/mA.h', 'mA.h', CanonicalColumn.DischargingCapacity, warnings));
  }
  const counters: ParseResult['counters'] = {
    capacity: hasNet ? 'signed-net' : separate ? 'per-cycle' : hasHalfCycleCounter ? 'per-half-cycle' : 'none',
    // As for .mpr: EC-Lab's 'Energy charge' / 'Energy discharge' when present, else V·I integrated.
    energy,
  };
  return { columns: [...columns, ...extra], counters };
}

/** The table plan; `batches` is false when rows cannot be read a batch at a time (see mptColumns). */
function describe({ fileName, head }: PlanInput): { plan: TablePlan; batches: boolean } {
  const lines = readHeadLines(head, 400);
  const header = findMptHeaderLine(lines);
  if (!header) throw new ParseError({ format: FORMAT, fileName, line: 1, message: "no BioLogic column line ('Nb header lines' missing or no 'time/s' column)" });
  const layout = describeDelimitedTable(lines, header, { delimiter: '\t' });
  const timeIndex = layout.cells.findIndex((c) => c.text === 'time/s');
  const absoluteTime = timeIndex >= 0 && /\d[/.-]\d+[/.-]\d+\s+\d/.test(layout.samples[0]?.[timeIndex] ?? '');
  const columns: PlannedColumn[] = layout.cells.map((c, index) => ({
    index, originalName: c.text, originalUnit: null, canonical: null,
    lenient: !STRICT.has(c.text),
    read: absoluteTime && index === timeIndex ? readDate : undefined,
  })).filter((c) => c.originalName !== '');
  const dry: ParseWarning[] = [];
  const { counters } = mptColumns(columns, columns.map(() => new Float64Array(0)), dry, absoluteTime);
  const metadata: Record<string, unknown> = parseMptHeader(lines.slice(0, header.number - 1).map((l) => l.text));
  if (absoluteTime) metadata.absoluteTimeColumn = true;
  Object.assign(metadata, {
    zoneUnknown: true,
    decimalComma: layout.decimalComma,
    currentSign: 'BioLogic I is positive for oxidation at the working electrode; emitted unchanged as Current (positive on charge): right for full cells and positive-electrode half cells, inverted for negative-electrode (graphite, Li metal) half cells',
  });
  const plan: TablePlan = {
    format: FORMAT, parserVersion: VERSION, columns,
    syntax: { delimiter: layout.delimiterByte, decimalComma: layout.decimalComma }, dataStart: layout.dataStart, dataLine: layout.dataLine,
    metadata, warnings: [], counters,
    // .mpt keeps every column, even one empty in the whole file: hasValues is not looked at.
    toColumns: (values, warnings) => mptColumns(columns, values, warnings, absoluteTime).columns,
  };
  return { plan, batches: !absoluteTime && !dry.some((w) => w.code === 'CURRENT_DERIVED') };
}

function planTable(input: PlanInput): TablePlan | null {
  const { plan, batches } = describe(input);
  return batches ? plan : null;
}

async function parse(input: ParseInput): Promise<ParseResult> {
  const result = await parsePlannedTable(describe({ ...input, head: input.bytes }).plan, input, { noRowsMessage: 'no data rows after the column line' });
  const unix = result.columns.find((c) => c.name === CanonicalColumn.UnixTime && c.originalUnit === ABSOLUTE_TIME_UNIT);
  if (!result.metadata.startTime && unix) result.metadata.startTime = new Date((unix.values[0] ?? NaN) * 1000).toISOString().slice(0, 23);
  return result;
}

/** BioLogic EC-Lab .mpt and BT-Lab .txt/.csv ASCII exports: full, minimal or no header, decimal comma, absolute times. */
export const biologicMptParser: CyclerParser = {
  name: FORMAT,
  vendor: 'biologic',
  label: 'BioLogic EC-Lab / BT-Lab ASCII export (.mpt, .txt)',
  version: VERSION,
  extensions: ['.mpt', '.txt', '.csv', '.tsv'],
  verified: true,
  detect,
  parse,
  planTable,
};
