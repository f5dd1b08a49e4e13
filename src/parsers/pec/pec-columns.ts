import { CanonicalColumn, temperatureChannelName } from '../../domain/canonical-columns.js';
import type { PlannedColumn } from '../common/column-plan.js';
import { isNumericField } from '../common/delimited-header.js';
import { headerKey } from '../common/header-columns.js';
import type { HeaderCell } from '../common/header-columns.js';
import { dateTimeReader, durationReader } from '../common/named-readers.js';

const readDate = dateTimeReader('mdy');
const isEnergyUnit = (unit: string | null) => unit !== null && /wh$/i.test(unit);

/**
 * PEC columns. Units differ per software version ('Voltage (mV)' old, '(V)' new; 'Total Time
 * (Seconds)' old, '(Hours in hh:mm:ss.xxx)' new) and old files label energy 'Charge Capacity
 * (mWh)': the unit decides whether a capacity column is charge or energy.
 */
export function planPecColumns(cells: HeaderCell[], samples: string[][]): PlannedColumn[] {
  const plan: PlannedColumn[] = [];
  const used = new Set<string>();
  cells.forEach((cell, index) => {
    if (cell.text === '') return;
    const key = headerKey(cell.name);
    const base = { index, originalName: cell.text, originalUnit: cell.unit };
    const duration = cell.unit !== null && /hh:mm:ss/i.test(cell.unit);
    let canonical: string | null = null;
    if (key === 'totaltime') canonical = CanonicalColumn.TestTime;
    else if (key === 'steptime') canonical = CanonicalColumn.StepTime;
    else if (key === 'step') canonical = CanonicalColumn.StepIndex;
    else if (key === 'cycle') canonical = CanonicalColumn.CycleVendor;
    else if (key === 'voltage') canonical = CanonicalColumn.Voltage;
    else if (key === 'current') canonical = CanonicalColumn.Current;
    else if (key === 'chargecapacity') canonical = isEnergyUnit(cell.unit) ? CanonicalColumn.ChargingEnergy : CanonicalColumn.ChargingCapacity;
    else if (key === 'dischargecapacity') canonical = isEnergyUnit(cell.unit) ? CanonicalColumn.DischargingEnergy : CanonicalColumn.DischargingCapacity;
    else if (key === 'chargeenergy') canonical = CanonicalColumn.ChargingEnergy;
    else if (key === 'dischargeenergy') canonical = CanonicalColumn.DischargingEnergy;
    else if (key === 'internalresistance1' || key === 'internalresistance') canonical = CanonicalColumn.InternalResistance;
    else if (key === 'temp' || key === 'temperature') canonical = temperatureChannelName(1);
    if (canonical && used.has(canonical)) canonical = null;
    if (canonical) used.add(canonical);
    if (key === 'realtime') {
      plan.push({ ...base, canonical: used.has(CanonicalColumn.UnixTime) ? null : CanonicalColumn.UnixTime, read: readDate, valueUnit: 's', lenient: true });
      used.add(CanonicalColumn.UnixTime);
    } else if (duration) {
      plan.push({ ...base, canonical, read: durationReader, valueUnit: 's', lenient: canonical === null });
    } else if (canonical) {
      plan.push({ ...base, canonical });
    } else if (isNumericField(samples, index, false)) {
      plan.push({ ...base, canonical: null, lenient: true });
    }
  });
  return plan;
}
