import { CanonicalColumn, temperatureChannelName } from '../../domain/canonical-columns.js';
import { findUnitConversion } from '../../domain/units.js';
import type { ColumnMapping } from '../cycler-parser.js';
import { detectDelimiter } from '../common/delimiter.js';
import { readHeadLines } from '../common/text-lines.js';

/** Quantity (lower case, '_' or ' ' between words) → canonical column; the unit comes from the suffix. */
const QUANTITIES: Record<string, string> = {
  time: CanonicalColumn.TestTime, test_time: CanonicalColumn.TestTime, elapsed_time: CanonicalColumn.TestTime,
  voltage: CanonicalColumn.Voltage, cell_voltage: CanonicalColumn.Voltage, ecell: CanonicalColumn.Voltage,
  current: CanonicalColumn.Current,
  charge_capacity: CanonicalColumn.ChargingCapacity, discharge_capacity: CanonicalColumn.DischargingCapacity,
  charge_energy: CanonicalColumn.ChargingEnergy, discharge_energy: CanonicalColumn.DischargingEnergy,
  temperature: temperatureChannelName(1), cell_temperature: temperatureChannelName(1),
  step_time: CanonicalColumn.StepTime, power: CanonicalColumn.Power,
};
/** Counting columns written without a unit suffix. */
const UNITLESS: Record<string, string> = {
  cycle: CanonicalColumn.CycleVendor, cycle_index: CanonicalColumn.CycleVendor, cycle_number: CanonicalColumn.CycleVendor,
  step: CanonicalColumn.StepIndex, step_index: CanonicalColumn.StepIndex, step_number: CanonicalColumn.StepIndex,
};
const REQUIRED = [CanonicalColumn.TestTime, CanonicalColumn.Voltage, CanonicalColumn.Current];

/** 'Current_A' → the canonical column and 'A'; 'Cycle_Index' → 'Cycle Vendor / 1'; null when not known. */
export function readSuffixedHeader(cell: string): { name: string; unit: string } | null {
  const text = cell.trim().replace(/^"|"$/g, '').trim();
  const unitless = UNITLESS[text.toLowerCase().replace(/\s+/g, '_')];
  if (unitless) return { name: unitless, unit: '1' };
  const m = /^(.+?)[_ ]\(?([^_ ()]+)\)?$/.exec(text);
  if (!m) return null;
  const name = QUANTITIES[m[1].toLowerCase().replace(/\s+/g, '_')];
  if (!name || !findUnitConversion(m[2], name === temperatureChannelName(1) ? 'temperature' : 'charge')) return null;
  return { name, unit: m[2] };
}

/**
 * The column mapping of a table headed `quantity_unit` (Time_s, voltage_V, Current_A ...): the first
 * of the first 100 lines with time, voltage and current so headed. `key:,,,` preamble lines and
 * an empty cell after a trailing delimiter are passed over. Null when there is no such line.
 */
export function suffixedHeaderMapping(head: Uint8Array): ColumnMapping | null {
  if (head.subarray(0, 8192).includes(0)) return null;
  const lines = readHeadLines(head, 100, head.length);
  for (let i = 0; i < lines.length; i++) {
    const delimiter = detectDelimiter(lines[i].text, lines.slice(i + 1, i + 6).map((l) => l.text));
    const columns: ColumnMapping['columns'] = {};
    const taken = new Set<string>();
    for (const cell of lines[i].text.split(delimiter)) {
      const target = readSuffixedHeader(cell);
      if (!target || taken.has(target.name)) continue;
      taken.add(target.name);
      columns[cell.trim().replace(/^"|"$/g, '').trim()] = target;
    }
    if (REQUIRED.every((r) => taken.has(r))) return { columns, delimiter, headerLine: i };
  }
  return null;
}
