import { CanonicalColumn, temperatureChannelName } from '../../domain/canonical-columns.js';
import type { PlannedColumn } from '../common/column-plan.js';
import type { DateOrder } from '../common/date-time.js';
import { isNumericField } from '../common/delimited-header.js';
import { headerKey } from '../common/header-columns.js';
import type { HeaderCell } from '../common/header-columns.js';
import { dateTimeReader, durationReader } from '../common/named-readers.js';
import { namedFieldReader } from '../common/table-reader.js';

/** How a Maccor column is post-processed: capacity/energy split by state, current signed by state. */
export type MaccorRole = 'capacity' | 'energy' | 'current' | 'state';

export interface MaccorColumn extends PlannedColumn {
  role?: MaccorRole;
  /** A DPt Time holding the time of day only: how to date it (maccor-time-of-day.ts). */
  timeOfDay?: TimeOfDayBase;
}

/** What turns a DPt Time of day into a date-time: the preamble's day and the first sampled row. */
export interface TimeOfDayBase {
  /** The preamble's date at 00:00 (wall clock read as UTC, like every date here), s. */
  dayStartS: number;
  /** Time of day of the first sampled row, s. */
  firstTimeOfDayS: number;
  /** Test time of that row, in seconds. */
  firstTestTimeS: number;
}

/** State letters as codes in the 'State' column: + charge, - discharge, 0 rest, 2 other, 3 stop/S. */
export const MaccorStateCode: Record<string, number> = { C: 1, D: -1, R: 0, O: 2, S: 3 };

const DURATION: Partial<MaccorColumn> = { read: durationReader, originalUnit: 'd hh:mm:ss', valueUnit: 's' };

/** The one-letter Maccor state ('C', 'D', 'R' ...) as its code. */
export const readMaccorState = namedFieldReader({ id: 'maccor-state' }, (bytes, start, end) =>
  end - start === 1 ? (MaccorStateCode[String.fromCharCode(bytes[start] & 0xdf)] ?? NaN) : NaN);

/**
 * The columns to read from a Maccor header (text, CSV or Excel). `samples` are split data rows
 * used to find unit columns ('Aux #1' + ' Units') and which unknown columns are numeric.
 */
export function planMaccorColumns(cells: HeaderCell[], samples: string[][], decimalComma: boolean, order: DateOrder): MaccorColumn[] {
  const plan: MaccorColumn[] = [];
  const temps = new Set<number>();
  cells.forEach((cell, index) => {
    if (cell.text === '') return;
    const key = headerKey(cell.name);
    const base = { index, originalName: cell.text, originalUnit: cell.unit };
    const add = (canonical: string | null, extra: Partial<MaccorColumn> = {}) => plan.push({ ...base, canonical, ...extra });
    const timeUnit = cell.unit ?? null;
    switch (key) {
      case 'rec#': case 'rec': return add(CanonicalColumn.RecordIndex);
      case 'cyc#': case 'cyclec': case 'cycle': return add(CanonicalColumn.CycleVendor);
      case 'step': return timeUnit ? add(CanonicalColumn.StepTime) : add(CanonicalColumn.StepIndex);
      case 'test': return add(CanonicalColumn.TestTime);
      case 'testtime': return add(CanonicalColumn.TestTime, timeUnit ? {} : DURATION);
      case 'steptime': return add(CanonicalColumn.StepTime, timeUnit ? {} : DURATION);
      case 'amp-hr': case 'cap.': case 'capacity': return add(null, { role: 'capacity', originalUnit: cell.unit ?? 'Ah' });
      case 'mamp-hr': return add(null, { role: 'capacity', originalUnit: 'mAh' });
      case 'watt-hr': case 'ener.': case 'energy': return add(null, { role: 'energy', originalUnit: cell.unit ?? 'Wh' });
      case 'mwatt-hr': return add(null, { role: 'energy', originalUnit: 'mWh' });
      case 'amps': case 'current': return add(CanonicalColumn.Current, { role: 'current', originalUnit: cell.unit ?? 'A' });
      case 'mamps': return add(CanonicalColumn.Current, { role: 'current', originalUnit: 'mA' });
      case 'volts': case 'voltage': return add(CanonicalColumn.Voltage, { originalUnit: cell.unit ?? 'V' });
      case 'mvolts': return add(CanonicalColumn.Voltage, { originalUnit: 'mV' });
      case 'state': case 'md': return add('State', { role: 'state', read: readMaccorState, lenient: true });
      case 'dpttime': return add(CanonicalColumn.UnixTime, { read: dateTimeReader(order), originalUnit: null });
      case 'dcir/ohms': return add(CanonicalColumn.InternalResistance, { originalUnit: 'ohm' });
      case 'units': return;
    }
    const temp = /^temp(\d+)$/.exec(key);
    if (temp && !temps.has(Number(temp[1]))) {
      temps.add(Number(temp[1]));
      return add(temperatureChannelName(Number(temp[1])), { originalUnit: cell.unit ?? 'degC', lenient: true });
    }
    const aux = /^aux#(\d+)$/.exec(key);
    if (aux && headerKey(cells[index + 1]?.text ?? '') === 'units') {
      const unit = (samples[0]?.[index + 1] ?? '').trim() || null;
      const n = Number(aux[1]);
      if (unit && /^(c|°c|degc)$/i.test(unit) && !temps.has(n)) {
        temps.add(n);
        return add(temperatureChannelName(n), { originalUnit: unit, lenient: true });
      }
      return add(null, { originalUnit: unit, lenient: true });
    }
    if (isNumericField(samples, index, decimalComma) || /^(wf|var|loop)/.test(key)) add(null, { lenient: true });
  });
  return plan;
}
