import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { ParsedColumn } from '../cycler-parser.js';
import { countChanges, generateSoftwareCycle, stepTypeOfNewareStatus } from './neware-status.js';

/** An auxiliary channel read from a Neware file (already in its canonical unit). */
export interface NewareAuxColumn {
  name: string;
  unit: string;
  originalName: string;
  originalUnit: string;
  values: Float64Array;
}

/** Neware records as read from .nda / .ndc, in NewareNDA's units (V, mA, mAh, mWh, s). */
export interface NewareRecords {
  index: Float64Array;
  /** Stored (hardware) cycle number, 1-based; absent when the format has none (BTS 9.0, ndc ≥ 11). */
  cycleStored?: Float64Array;
  /** Program step number from the schedule. */
  stepIndex: Float64Array;
  /** Value whose changes mark a new step segment. */
  stepKey: Float64Array;
  status: Float64Array;
  stepTimeS: Float64Array;
  voltageV: Float64Array;
  currentMA: Float64Array;
  chargeCapacityMAh: Float64Array;
  dischargeCapacityMAh: Float64Array;
  chargeEnergyMWh: Float64Array;
  dischargeEnergyMWh: Float64Array;
  /** Seconds since 1970; for BTS 7 files this is local wall-clock time read as if it were UTC. */
  unixTimeS: Float64Array;
  aux: NewareAuxColumn[];
  /** Byte offset of each record in the file (binary .nda), for naming a corrupt one. */
  offsets?: Float64Array;
  /** Set when the reader stopped before the end of the records (a cut file or a corrupt record). */
  truncation?: { byte: number; reason: string };
  /** Record slots of a type no sample file has (corrupt bytes, or a record kind we do not know). */
  unknownSlots?: number;
}

function permute(values: Float64Array, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]];
  return out;
}

/** Sorts by record index and drops repeated indices (first kept), as NewareNDA does; returns the dropped count. */
export function sortAndDeduplicate(rec: NewareRecords): { records: NewareRecords; dropped: number } {
  const n = rec.index.length;
  let monotonic = true;
  for (let i = 1; i < n && monotonic; i++) if (!(rec.index[i] > rec.index[i - 1])) monotonic = false;
  if (monotonic) return { records: rec, dropped: 0 };
  const all = Int32Array.from({ length: n }, (_, i) => i);
  all.sort((a, b) => rec.index[a] - rec.index[b] || a - b);
  const keep: number[] = [];
  for (let k = 0; k < n; k++) if (k === 0 || rec.index[all[k]] !== rec.index[all[k - 1]]) keep.push(all[k]);
  const order = Int32Array.from(keep);
  const p = (v: Float64Array): Float64Array => permute(v, order);
  return {
    dropped: n - order.length,
    records: {
      index: p(rec.index),
      cycleStored: rec.cycleStored && p(rec.cycleStored),
      stepIndex: p(rec.stepIndex),
      stepKey: p(rec.stepKey),
      status: p(rec.status),
      stepTimeS: p(rec.stepTimeS),
      voltageV: p(rec.voltageV),
      currentMA: p(rec.currentMA),
      chargeCapacityMAh: p(rec.chargeCapacityMAh),
      dischargeCapacityMAh: p(rec.dischargeCapacityMAh),
      chargeEnergyMWh: p(rec.chargeEnergyMWh),
      dischargeEnergyMWh: p(rec.dischargeEnergyMWh),
      unixTimeS: p(rec.unixTimeS),
      aux: rec.aux.map((a) => ({ ...a, values: p(a.values) })),
      offsets: rec.offsets && p(rec.offsets),
      truncation: rec.truncation,
    },
  };
}

/**
 * Test time from step times: Neware stores only the time within the step, so the test time is
 * the sum of the previous steps' last step times plus the current step time.
 */
export function deriveTestTime(stepCount: Float64Array, stepTimeS: Float64Array): Float64Array {
  const out = new Float64Array(stepTimeS.length);
  let base = 0;
  for (let i = 0; i < stepTimeS.length; i++) {
    if (i > 0 && stepCount[i] !== stepCount[i - 1]) base += stepTimeS[i - 1];
    out[i] = base + stepTimeS[i];
  }
  return out;
}

function scaled(values: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] * factor;
  return out;
}

function col(name: string, unit: string, originalName: string, originalUnit: string | null, values: Float64Array): ParsedColumn {
  return { name, unit, originalName, originalUnit, values };
}

/**
 * Canonical columns from Neware records. Current and capacities are converted from mA/mAh/mWh to
 * A/Ah/Wh. Neware current is already positive on charge. 'Cycle Vendor / 1' holds Neware's
 * "charge first" software cycle number (what BTSDA shows, NewareNDA's default); the stored
 * hardware counter, when the format has one, is kept as 'Cycle Stored / 1'.
 */
export function buildNewareColumns(rec: NewareRecords): ParsedColumn[] {
  const stepCount = countChanges(rec.stepKey);
  const stepType = new Float64Array(rec.status.length);
  for (let i = 0; i < stepType.length; i++) stepType[i] = stepTypeOfNewareStatus(rec.status[i]);
  const columns: ParsedColumn[] = [
    col(CanonicalColumn.RecordIndex, '1', 'Index', null, rec.index),
    col(CanonicalColumn.TestTime, 's', 'Time (cumulated over steps)', 's', deriveTestTime(stepCount, rec.stepTimeS)),
    col(CanonicalColumn.StepTime, 's', 'Time', 's', rec.stepTimeS),
    col(CanonicalColumn.UnixTime, 's', 'Timestamp', null, rec.unixTimeS),
    col(CanonicalColumn.Voltage, 'V', 'Voltage', 'V', rec.voltageV),
    col(CanonicalColumn.Current, 'A', 'Current', 'mA', scaled(rec.currentMA, 1e-3)),
    col(CanonicalColumn.CycleVendor, '1', 'Cycle', null, generateSoftwareCycle(rec.status)),
    col(CanonicalColumn.StepIndex, '1', 'Step_Index', null, rec.stepIndex),
    col(CanonicalColumn.StepCount, '1', 'Step', null, stepCount),
    col(CanonicalColumn.StepType, '1', 'Status', null, stepType),
    col(CanonicalColumn.ChargingCapacity, 'Ah', 'Charge_Capacity', 'mAh', scaled(rec.chargeCapacityMAh, 1e-3)),
    col(CanonicalColumn.DischargingCapacity, 'Ah', 'Discharge_Capacity', 'mAh', scaled(rec.dischargeCapacityMAh, 1e-3)),
    col(CanonicalColumn.ChargingEnergy, 'Wh', 'Charge_Energy', 'mWh', scaled(rec.chargeEnergyMWh, 1e-3)),
    col(CanonicalColumn.DischargingEnergy, 'Wh', 'Discharge_Energy', 'mWh', scaled(rec.dischargeEnergyMWh, 1e-3)),
  ];
  if (rec.cycleStored) columns.push(col('Cycle Stored / 1', '1', 'Cycle (stored)', null, rec.cycleStored));
  for (const a of rec.aux) columns.push(col(a.name, a.unit, a.originalName, a.originalUnit, a.values));
  return columns;
}
