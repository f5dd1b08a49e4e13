import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { CyclerParser, DetectInput, ParseInput, ParseResult, PlanInput, TablePlan } from '../cycler-parser.js';
import { parsePlannedTable } from '../common/column-plan.js';
import { headerKey } from '../common/header-columns.js';
import type { HeaderCell } from '../common/header-columns.js';
import { headText } from '../common/text-lines.js';
import { planHeaderTable, type CellPlan } from '../generic-csv/header-table.js';

const FORMAT = 'batteryarchive-csv';

/** batteryarchive.org time-series columns (headerKey form, unit split off) → canonical. */
const byKey: Record<string, string> = {
  testtime: CanonicalColumn.TestTime,
  cycleindex: CanonicalColumn.CycleVendor,
  current: CanonicalColumn.Current,
  voltage: CanonicalColumn.Voltage,
  chargecapacity: CanonicalColumn.ChargingCapacity,
  dischargecapacity: CanonicalColumn.DischargingCapacity,
  chargeenergy: CanonicalColumn.ChargingEnergy,
  dischargeenergy: CanonicalColumn.DischargingEnergy,
  environmenttemperature: CanonicalColumn.AmbientTemperature,
  celltemperature: CanonicalColumn.SurfaceTemperature,
};

function detect({ head }: DetectInput): number {
  const first = headText(head, 2048).split(/\r?\n/, 1)[0] ?? '';
  const key = headerKey(first);
  if (!key.includes('testtime(s)') || !key.includes('cycleindex')) return 0;
  return key.includes('environmenttemperature(c)') && key.includes('celltemperature(c)') ? 0.9 : 0;
}

function planCell(cell: HeaderCell): CellPlan | 'skip' | null {
  const key = headerKey(cell.name);
  if (key === 'datetime') return { canonical: CanonicalColumn.UnixTime, unit: 's', dateTime: 'ymd' };
  const canonical = byKey[key];
  return canonical ? { canonical, unit: cell.unit } : null;
}

function planTable({ fileName, head }: PlanInput): TablePlan {
  const table = planHeaderTable({ format: FORMAT, fileName, bytes: head, isHeader: (_t, line) => line.number === 1, planCell, delimiter: ',' });
  return {
    format: FORMAT, parserVersion: '1', columns: table.columns, syntax: table.syntax, dataStart: table.dataStart, dataLine: table.dataLine,
    metadata: { zoneUnknown: true }, warnings: [],
    // Battery Archive converts every source to Arbin-style counters that restart per cycle.
    counters: { capacity: 'per-cycle', energy: 'per-cycle' },
  };
}

async function parse(input: ParseInput): Promise<ParseResult> {
  return parsePlannedTable(planTable({ ...input, head: input.bytes }), input, { noRowsMessage: null });
}

export const batteryArchiveParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Battery Archive',
  label: 'Battery Archive time-series CSV',
  version: '1',
  extensions: ['.csv'],
  verified: true,
  detect,
  parse,
  planTable,
};
