import type { StepSummary } from '../domain/step-table.js';
import { StepTypeLabel, type StepTypeCode } from '../domain/step-types.js';
import { toCsv } from '../entities/entity-export.js';
import type { CapacityUnit } from './capacity-normalisation.js';
import type { CycleRow } from './stored-summaries.js';

/** A cycle as the API shows it: capacities also in the asked unit. */
export type ShownCycle = CycleRow & { chargeCapacity: number; dischargeCapacity: number };

const percent = (fraction: number | null) => (fraction === null ? null : fraction * 100);

/** "time_gap ×3; nan_run" from stored [{code, count}]. */
function flagText(flags: unknown): string {
  if (!Array.isArray(flags)) return '';
  return flags
    .map((f: { code?: unknown; count?: unknown }) => (typeof f.count === 'number' && f.count > 1 ? `${String(f.code)} ×${f.count}` : String(f.code)))
    .join('; ');
}

/**
 * The per-cycle summary as CSV for a spreadsheet: one row per cycle, units in the headers (capacity in
 * the asked unit, efficiencies in %), the cycle's quality flags last.
 */
export function cyclesCsv(cycles: readonly ShownCycle[], unit: CapacityUnit): string {
  const rows = cycles.map((c) => ({
    'Cycle': c.cycle,
    'Vendor cycle': c.vendorCycle,
    [`Charge capacity / ${unit}`]: c.chargeCapacity,
    [`Discharge capacity / ${unit}`]: c.dischargeCapacity,
    'Coulombic efficiency / %': percent(c.coulombicEfficiency),
    'Charge energy / Wh': c.chargeEnergyWh,
    'Discharge energy / Wh': c.dischargeEnergyWh,
    'Energy efficiency / %': percent(c.energyEfficiency),
    'Min voltage / V': c.minVoltageV,
    'Max voltage / V': c.maxVoltageV,
    'Mean voltage / V': c.meanVoltageV,
    'Min temperature / degC': c.minTemperatureC,
    'Max temperature / degC': c.maxTemperatureC,
    'Mean temperature / degC': c.meanTemperatureC,
    'Internal resistance / ohm': c.internalResistanceOhm,
    'Start test time / s': c.startTestTimeS,
    'End test time / s': c.endTestTimeS,
    'Duration / s': c.durationS,
    'Rows': c.rowCount,
    'Quality flags': flagText(c.qualityFlags),
  }));
  return toCsv(rows);
}

/** The step table as CSV: one row per step segment, its type by name, units in the headers. */
export function stepsCsv(steps: readonly StepSummary[]): string {
  const rows = steps.map((s) => ({
    'Step': s.stepCount,
    'Cycle': s.cycle,
    'Program step': s.stepIndex,
    'Step type': StepTypeLabel[s.stepType as StepTypeCode] ?? String(s.stepType),
    'Start test time / s': s.startTestTimeS,
    'End test time / s': s.endTestTimeS,
    'Duration / s': s.durationS,
    'Charge capacity / Ah': s.chargeCapacityAh,
    'Discharge capacity / Ah': s.dischargeCapacityAh,
    'Charge energy / Wh': s.chargeEnergyWh,
    'Discharge energy / Wh': s.dischargeEnergyWh,
    'Start voltage / V': s.startVoltageV,
    'End voltage / V': s.endVoltageV,
    'Mean current / A': s.meanCurrentA,
    'Rows': s.rowCount,
  }));
  return toCsv(rows);
}
