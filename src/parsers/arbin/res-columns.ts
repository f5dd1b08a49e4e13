import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { ParsedColumn } from '../cycler-parser.js';
import { oleDateToEpochSeconds } from '../common/date-time.js';

/** Channel_Normal_Table column → canonical column (all already in SI units: s, A, V, Ah, Wh, ohm). */
const canonicalByResColumn: Record<string, string> = {
  Data_Point: CanonicalColumn.RecordIndex,
  Test_Time: CanonicalColumn.TestTime,
  Step_Time: CanonicalColumn.StepTime,
  Step_Index: CanonicalColumn.StepIndex,
  Cycle_Index: CanonicalColumn.CycleVendor,
  Current: CanonicalColumn.Current,
  Voltage: CanonicalColumn.Voltage,
  Charge_Capacity: CanonicalColumn.ChargingCapacity,
  Discharge_Capacity: CanonicalColumn.DischargingCapacity,
  Charge_Energy: CanonicalColumn.ChargingEnergy,
  Discharge_Energy: CanonicalColumn.DischargingEnergy,
  Internal_Resistance: CanonicalColumn.InternalResistance,
};

const unitOfResColumn: Record<string, string> = {
  Test_Time: 's', Step_Time: 's', Current: 'A', Voltage: 'V', Charge_Capacity: 'Ah', Discharge_Capacity: 'Ah',
  Charge_Energy: 'Wh', Discharge_Energy: 'Wh', Internal_Resistance: 'Ohm', 'dV/dt': 'V/s', AC_Impedance: 'Ohm',
  ACI_Phase_Angle: 'deg', ACR: 'Ohm', PulseStageTime: 's', DateTime: 'OLE days',
};

function permuted(values: Float64Array, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]];
  return out;
}

/** ParsedColumns for the Channel_Normal_Table columns, rows taken in `order`; DateTime (OLE, local) → Unix Time. */
export function toResColumns(numeric: Map<string, Float64Array>, order: Int32Array): ParsedColumn[] {
  const out: ParsedColumn[] = [];
  for (const [name, raw] of numeric) {
    const values = permuted(raw, order);
    const unit = unitOfResColumn[name] ?? null;
    if (name === 'DateTime') {
      for (let i = 0; i < values.length; i++) values[i] = oleDateToEpochSeconds(values[i]);
      out.push({ name: CanonicalColumn.UnixTime, unit: 's', originalName: name, originalUnit: unit, values });
      continue;
    }
    const canonical = canonicalByResColumn[name];
    out.push(canonical ? { name: canonical, unit: canonical.slice(canonical.lastIndexOf(' / ') + 3), originalName: name, originalUnit: unit, values } : { name, unit, originalName: name, originalUnit: unit, values });
  }
  return out;
}
