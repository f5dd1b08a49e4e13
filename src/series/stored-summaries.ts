import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { CycleSummary } from '../domain/cycle-summary.js';
import type { StepSummary } from '../domain/step-table.js';
import type { CycleSummariesTable, StepsTable } from '../ingest/ingest.table.js';
import { openSeries, type SeriesEngine } from './series-engine.js';
import { computeCycleSummaries, computeStepSummaries } from './series-summaries.js';

export type SummarySource = 'stored' | 'computed';
export type CycleRow = CycleSummary & { qualityFlags?: unknown };

/** Stored per-cycle rows of many data files in one query, by data file id (absent: none stored). */
export async function readStoredCycles(db: Db, dataFileIds: readonly number[]): Promise<Map<number, CycleRow[]>> {
  const out = new Map<number, CycleRow[]>();
  if (dataFileIds.length === 0) return out;
  const rows = await db.selectFrom('cycle_summaries').selectAll().where('data_file_id', 'in', dataFileIds).orderBy('data_file_id').orderBy('cycle').execute();
  for (const r of rows) {
    const list = out.get(r.data_file_id) ?? [];
    list.push(toCycle(r));
    out.set(r.data_file_id, list);
  }
  return out;
}

function toCycle(r: Selectable<CycleSummariesTable>): CycleRow {
  return {
    cycle: r.cycle,
    vendorCycle: r.vendor_cycle,
    chargeCapacityAh: r.charge_capacity_ah,
    dischargeCapacityAh: r.discharge_capacity_ah,
    chargeEnergyWh: r.charge_energy_wh,
    dischargeEnergyWh: r.discharge_energy_wh,
    coulombicEfficiency: r.coulombic_efficiency,
    energyEfficiency: r.energy_efficiency,
    minVoltageV: r.min_voltage_v,
    maxVoltageV: r.max_voltage_v,
    meanVoltageV: r.mean_voltage_v,
    minTemperatureC: r.min_temperature_c,
    maxTemperatureC: r.max_temperature_c,
    meanTemperatureC: r.mean_temperature_c,
    durationS: r.duration_s,
    startTestTimeS: r.start_test_time_s,
    endTestTimeS: r.end_test_time_s,
    internalResistanceOhm: r.internal_resistance_ohm,
    rowCount: r.row_count,
    qualityFlags: r.quality_flags,
  };
}

function toStep(r: Selectable<StepsTable>): StepSummary {
  return {
    stepCount: r.step_count,
    cycle: r.cycle,
    stepIndex: r.step_index,
    stepType: r.step_type,
    startTestTimeS: r.start_test_time_s,
    endTestTimeS: r.end_test_time_s,
    durationS: r.duration_s,
    chargeCapacityAh: r.charge_capacity_ah,
    dischargeCapacityAh: r.discharge_capacity_ah,
    chargeEnergyWh: r.charge_energy_wh,
    dischargeEnergyWh: r.discharge_energy_wh,
    startVoltageV: r.start_voltage_v ?? Number.NaN,
    endVoltageV: r.end_voltage_v ?? Number.NaN,
    meanCurrentA: r.mean_current_a,
    rowCount: r.row_count,
  };
}

// Computing from a 10-million-row series takes seconds; keep the last few results.
const computed = new Map<string, Promise<CycleSummary[] | StepSummary[]>>();
const MAX_COMPUTED = 64;

function remember<T extends CycleSummary[] | StepSummary[]>(key: string, make: () => Promise<T>): Promise<T> {
  let hit = computed.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = make();
    computed.set(key, hit);
    hit.catch(() => computed.delete(key));
    if (computed.size > MAX_COMPUTED) computed.delete(computed.keys().next().value!);
  }
  return hit;
}

/** Per-cycle summary of a data file: the rows stored at ingest, else computed from its series (older ingests). */
export async function readCycleSummaries(db: Db, engine: SeriesEngine, file: { id: number; seriesKey: string }): Promise<{ source: SummarySource; cycles: CycleRow[] }> {
  const stored = (await readStoredCycles(db, [file.id])).get(file.id);
  if (stored) return { source: 'stored', cycles: stored };
  return { source: 'computed', cycles: await computedCycles(engine, file.seriesKey) };
}

/** Cycle summary computed from a stored series (cached per series file). */
export async function computedCycles(engine: SeriesEngine, seriesKey: string): Promise<CycleSummary[]> {
  const handle = await openSeries(engine, seriesKey);
  return remember(`cycles:${handle.fileKey}`, () => computeCycleSummaries(engine, handle));
}

/** Step table of a data file: the rows stored at ingest, else computed from its series. */
export async function readStepSummaries(db: Db, engine: SeriesEngine, file: { id: number; seriesKey: string }): Promise<{ source: SummarySource; steps: StepSummary[] }> {
  const rows = await db.selectFrom('steps').selectAll().where('data_file_id', '=', file.id).orderBy('step_count').execute();
  if (rows.length > 0) return { source: 'stored', steps: rows.map(toStep) };
  const handle = await openSeries(engine, file.seriesKey);
  return { source: 'computed', steps: await remember(`steps:${handle.fileKey}`, () => computeStepSummaries(engine, handle)) };
}
