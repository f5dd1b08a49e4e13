import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { CyclerParser, DetectInput, ParsedColumn, ParseInput, ParseResult } from '../cycler-parser.js';
import { ParseError } from '../cycler-parser.js';
import { readPlannedTableWith } from '../common/column-plan.js';
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

async function parse(input: ParseInput): Promise<ParseResult> {
  const { bytes, fileName } = input;
  const lines = readHeadLines(bytes, 400);
  const header = findMptHeaderLine(lines);
  if (!header) throw new ParseError({ format: FORMAT, fileName, line: 1, message: "no BioLogic column line ('Nb header lines' missing or no 'time/s' column)" });
  const layout = describeDelimitedTable(lines, header, { delimiter: '\t' });
  const timeIndex = layout.cells.findIndex((c) => c.text === 'time/s');
  const absoluteTime = timeIndex >= 0 && /\d[/.-]\d+[/.-]\d+\s+\d/.test(layout.samples[0]?.[timeIndex] ?? '');
  const plan: PlannedColumn[] = layout.cells.map((c, index) => ({
    index, originalName: c.text, originalUnit: null, canonical: null,
    lenient: !STRICT.has(c.text),
    read: absoluteTime && index === timeIndex ? readDate : undefined,
  })).filter((c) => c.originalName !== '');
  const { rows, values, warnings } = await readPlannedTableWith(input.readTable, plan, {
    format: FORMAT, fileName, bytes, start: layout.dataStart, firstLineNumber: layout.dataLine,
    delimiter: layout.delimiterByte, decimalComma: layout.decimalComma, onProgress: input.onProgress,
  });
  if (rows === 0) throw new ParseError({ format: FORMAT, fileName, line: layout.dataLine, message: 'no data rows after the column line' });
  const metadata = parseMptHeader(lines.slice(0, header.number - 1).map((l) => l.text));
  const raw: MprColumn[] = plan.map((c, k) => ({ id: -1, header: canonicalHeader(c.originalName), values: values[k] }));
  const extra: ParsedColumn[] = [];
  if (absoluteTime) {
    // BT-Lab wrote date-times into 'time/s': keep them as Unix Time, and time/s becomes seconds since the first row.
    const time = raw.find((c) => c.header === 'time/s')!;
    const unix = time.values;
    const t0 = unix.find((v) => v === v) ?? NaN;
    time.values = unix.map((v) => v - t0);
    extra.push({ name: CanonicalColumn.UnixTime, unit: 's', originalName: 'time/s', originalUnit: 'MM/DD/YYYY hh:mm:ss.fff', values: unix });
    metadata.absoluteTimeColumn = true;
  }
  const { columns, hasHalfCycleCounter } = toCanonicalMprColumns(raw, warnings);
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
  Object.assign(metadata, {
    zoneUnknown: true,
    decimalComma: layout.decimalComma,
    currentSign: 'BioLogic I is positive for oxidation at the working electrode; emitted unchanged as Current (positive on charge): right for full cells and positive-electrode half cells, inverted for negative-electrode (graphite, Li metal) half cells',
  });
  if (!metadata.startTime && extra[0]?.name === CanonicalColumn.UnixTime) metadata.startTime = new Date((extra[0].values[0] ?? NaN) * 1000).toISOString().slice(0, 23);
  return {
    format: FORMAT, parserVersion: VERSION, rows, columns: [...columns, ...extra], metadata, warnings,
    counters: {
      capacity: hasNet ? 'signed-net' : separate ? 'per-cycle' : hasHalfCycleCounter ? 'per-half-cycle' : 'none',
      // As for .mpr: EC-Lab energy columns keep their own names and energy is integrated from V·I.
      energy: 'none',
    },
  };
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
};
