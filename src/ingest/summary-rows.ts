import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
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

/** The stored per-cycle summary of a data file, in cycle order (empty before the first successful ingest). */
export async function readStoredCycles(db: Db, dataFileId: number): Promise<Array<CycleSummary & { qualityFlags: unknown[] }>> {
  const rows = await db.selectFrom('cycle_summaries').selectAll().where('data_file_id', '=', dataFileId).orderBy('cycle').execute();
  return rows.map(toCycleSummary);
}

/** The stored step table of a data file, in order. */
export async function readStoredSteps(db: Db, dataFileId: number): Promise<StepSummary[]> {
  const rows = await db.selectFrom('steps').selectAll().where('data_file_id', '=', dataFileId).orderBy('step_count').execute();
  return rows.map((s) => ({
    stepCount: s.step_count,
    cycle: s.cycle,
    stepIndex: s.step_index,
    stepType: s.step_type,
    startTestTimeS: s.start_test_time_s,
    endTestTimeS: s.end_test_time_s,
    durationS: s.duration_s,
    chargeCapacityAh: s.charge_capacity_ah,
    dischargeCapacityAh: s.discharge_capacity_ah,
    chargeEnergyWh: s.charge_energy_wh,
    dischargeEnergyWh: s.discharge_energy_wh,
    startVoltageV: s.start_voltage_v ?? Number.NaN,
    endVoltageV: s.end_voltage_v ?? Number.NaN,
    meanCurrentA: s.mean_current_a,
    rowCount: s.row_count,
  }));
}

function toCycleSummary(c: Selectable<CycleSummariesTable>): CycleSummary & { qualityFlags: unknown[] } {
  return {
    cycle: c.cycle,
    vendorCycle: c.vendor_cycle,
    chargeCapacityAh: c.charge_capacity_ah,
    dischargeCapacityAh: c.discharge_capacity_ah,
    chargeEnergyWh: c.charge_energy_wh,
    dischargeEnergyWh: c.discharge_energy_wh,
    coulombicEfficiency: c.coulombic_efficiency,
    energyEfficiency: c.energy_efficiency,
    minVoltageV: c.min_voltage_v,
    maxVoltageV: c.max_voltage_v,
    meanVoltageV: c.mean_voltage_v,
    minTemperatureC: c.min_temperature_c,
    maxTemperatureC: c.max_temperature_c,
    meanTemperatureC: c.mean_temperature_c,
    durationS: c.duration_s,
    startTestTimeS: c.start_test_time_s,
    endTestTimeS: c.end_test_time_s,
    internalResistanceOhm: c.internal_resistance_ohm,
    rowCount: c.row_count,
    qualityFlags: c.quality_flags,
  };
}
