import type { Insertable } from 'kysely';
import type { CycleSummary } from '../domain/cycle-summary.js';
import type { StepSummary } from '../domain/step-table.js';
import type { CycleSummariesTable, StepsTable } from './ingest.table.js';
import type { CycleQualityFlags } from './quality-flags.js';

// NaN is not valid JSON and means "none" in the domain: store it as SQL null.
const n = (v: number | null): number | null => (v === null || Number.isNaN(v) ? null : v);
const z = (v: number): number => (Number.isFinite(v) ? v : 0);

/** Rows for cycle_summaries (per-cycle quality flags as [{code, count}]). */
export function cycleRows(dataFileId: number, cycles: readonly CycleSummary[], flags: CycleQualityFlags): Insertable<CycleSummariesTable>[] {
  return cycles.map((c) => ({
    data_file_id: dataFileId,
    cycle: c.cycle,
    vendor_cycle: n(c.vendorCycle),
    charge_capacity_ah: z(c.chargeCapacityAh),
    discharge_capacity_ah: z(c.dischargeCapacityAh),
    charge_energy_wh: z(c.chargeEnergyWh),
    discharge_energy_wh: z(c.dischargeEnergyWh),
    coulombic_efficiency: n(c.coulombicEfficiency),
    energy_efficiency: n(c.energyEfficiency),
    min_voltage_v: n(c.minVoltageV),
    max_voltage_v: n(c.maxVoltageV),
    mean_voltage_v: n(c.meanVoltageV),
    min_temperature_c: n(c.minTemperatureC),
    max_temperature_c: n(c.maxTemperatureC),
    mean_temperature_c: n(c.meanTemperatureC),
    duration_s: z(c.durationS),
    start_test_time_s: z(c.startTestTimeS),
    end_test_time_s: z(c.endTestTimeS),
    internal_resistance_ohm: n(c.internalResistanceOhm),
    row_count: c.rowCount,
    quality_flags: JSON.stringify(Object.entries(flags.get(c.cycle) ?? {}).map(([code, count]) => ({ code, count }))),
  }));
}

/** Rows for steps. */
export function stepRows(dataFileId: number, steps: readonly StepSummary[]): Insertable<StepsTable>[] {
  return steps.map((s) => ({
    data_file_id: dataFileId,
    step_count: s.stepCount,
    cycle: s.cycle,
    step_index: n(s.stepIndex),
    step_type: s.stepType,
    start_test_time_s: z(s.startTestTimeS),
    end_test_time_s: z(s.endTestTimeS),
    duration_s: z(s.durationS),
    charge_capacity_ah: z(s.chargeCapacityAh),
    discharge_capacity_ah: z(s.dischargeCapacityAh),
    charge_energy_wh: z(s.chargeEnergyWh),
    discharge_energy_wh: z(s.dischargeEnergyWh),
    start_voltage_v: n(s.startVoltageV),
    end_voltage_v: n(s.endVoltageV),
    mean_current_a: n(s.meanCurrentA),
    row_count: s.rowCount,
  }));
}

/** Rows in batches of `size` (one INSERT each keeps statements under the parameter limit). */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
