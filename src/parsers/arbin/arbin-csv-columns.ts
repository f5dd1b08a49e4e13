import { CanonicalColumn, temperatureChannelName } from '../../domain/canonical-columns.js';
import type { PlannedColumn } from '../common/column-plan.js';
import { parseDateTimeBytes } from '../common/date-time.js';
import type { DateOrder } from '../common/date-time.js';
import { isNumericField } from '../common/delimited-header.js';
import { headerKey } from '../common/header-columns.js';
import type { HeaderCell } from '../common/header-columns.js';
import { namedFieldReader } from '../common/table-reader.js';
import type { FieldReader } from '../common/table-reader.js';

/** Header key (lower case, no blanks/underscores) → canonical column and the unit Arbin uses when the header has none. */
const CANONICAL: Record<string, [string, string]> = {
  datapoint: [CanonicalColumn.RecordIndex, '1'],
  testtime: [CanonicalColumn.TestTime, 's'],
  steptime: [CanonicalColumn.StepTime, 's'],
  cycleindex: [CanonicalColumn.CycleVendor, '1'],
  stepindex: [CanonicalColumn.StepIndex, '1'],
  current: [CanonicalColumn.Current, 'A'],
  voltage: [CanonicalColumn.Voltage, 'V'],
  power: [CanonicalColumn.Power, 'W'],
  chargecapacity: [CanonicalColumn.ChargingCapacity, 'Ah'],
  dischargecapacity: [CanonicalColumn.DischargingCapacity, 'Ah'],
  chargeenergy: [CanonicalColumn.ChargingEnergy, 'Wh'],
  dischargeenergy: [CanonicalColumn.DischargingEnergy, 'Wh'],
  internalresistance: [CanonicalColumn.InternalResistance, 'ohm'],
  temperature: [temperatureChannelName(1), 'degC'],
};

/** 'Date_Time' as text in `order`, or as epoch seconds (TRI dumps) or milliseconds. */
export const arbinDateTimeReader = (order: DateOrder): FieldReader => namedFieldReader({ id: 'arbin-date-time', arg: order }, (bytes, start, end) => {
  const v = parseDateTimeBytes(bytes, start, end, order);
  if (v === v) return v;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i] - 48;
    if (c === -2) return Number(String.fromCharCode(...bytes.subarray(start, end)));
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n > 1e11 ? n / 1000 : n;
});

/**
 * Columns of an Arbin CSV header, in any of its spellings ('Test_Time(s)', 'Test Time (s)',
 * 'Test_Time'): canonical ones with their unit, 'Date_Time' (text or epoch) as Unix Time,
 * 'Aux_Temperature_n (C)' as temperature channels, other numeric columns under their own name.
 */
export function planArbinColumns(cells: HeaderCell[], samples: string[][], order: DateOrder): PlannedColumn[] {
  const plan: PlannedColumn[] = [];
  const used = new Set<string>();
  cells.forEach((cell, index) => {
    if (cell.text === '' ) return;
    const key = headerKey(cell.name);
    const base = { index, originalName: cell.text, originalUnit: cell.unit };
    if (key === 'datetime') {
      plan.push({ ...base, canonical: CanonicalColumn.UnixTime, read: arbinDateTimeReader(order), valueUnit: 's' });
      return;
    }
    const known = CANONICAL[key];
    if (known && !used.has(known[0])) {
      used.add(known[0]);
      plan.push({ ...base, canonical: known[0], valueUnit: cell.unit ?? known[1] });
      return;
    }
    const aux = /^auxtemperature(\d+)$/.exec(key);
    if (aux && !used.has(temperatureChannelName(Number(aux[1])))) {
      used.add(temperatureChannelName(Number(aux[1])));
      plan.push({ ...base, canonical: temperatureChannelName(Number(aux[1])), valueUnit: cell.unit ?? 'degC' });
      return;
    }
    if (isNumericField(samples, index, false) || !samples.some((r) => (r[index] ?? '').trim() !== '')) plan.push({ ...base, canonical: null, lenient: true });
  });
  return plan;
}
