import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { NetEnergyColumn } from '../normalise/canonical-counters.js';
import type { CellPlan } from '../generic-csv/header-table.js';
import type { HeaderCell } from '../common/header-columns.js';

/** Novonix UHPC / HPC column names (lower case, no unit) → canonical column. */
const byName: Record<string, string> = {
  'run time': CanonicalColumn.TestTime,
  'step time': CanonicalColumn.StepTime,
  'current': CanonicalColumn.Current,
  'potential': CanonicalColumn.Voltage,
  // One signed running value, negative on discharge (formats.md §6).
  'capacity': CanonicalColumn.NetCapacity,
  'energy': NetEnergyColumn,
  'temperature': CanonicalColumn.SurfaceTemperature,
  'cycle number': CanonicalColumn.CycleVendor,
  'step number': CanonicalColumn.StepIndex,
  'power': CanonicalColumn.Power,
};

/** Plan for a Novonix header cell: canonical quantities, the ISO/US date-time, the rest kept. */
export function planNovonixCell(cell: HeaderCell): CellPlan | 'skip' | null {
  const name = cell.name.trim().toLowerCase();
  if (name === 'date and time') return { canonical: CanonicalColumn.UnixTime, unit: 's', dateTime: 'mdy' };
  const canonical = byName[name];
  return canonical ? { canonical, unit: cell.unit } : null;
}
