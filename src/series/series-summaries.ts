import { CanonicalColumn as C } from '../domain/canonical-columns.js';
import type { CycleSeries } from '../domain/cycle-series.js';
import { summariseCycles, type CycleSummary } from '../domain/cycle-summary.js';
import { summariseSteps, type StepSummary } from '../domain/step-table.js';
import { loadColumns, type SeriesEngine, type SeriesHandle } from './series-engine.js';

const TEMPERATURE_COLUMNS = [C.SurfaceTemperature, C.AmbientTemperature, 'Temperature T1 / degC'];

/**
 * The stored series as the domain's cycle maths takes it (columns a file lacks are NaN).
 * Used when a data file has no stored summary rows (older ingests) and by tests.
 */
export async function loadCycleSeries(engine: SeriesEngine, handle: SeriesHandle): Promise<CycleSeries> {
  const has = (name: string) => handle.columnNames.includes(name);
  const nan = () => new Float64Array(handle.rowCount).fill(Number.NaN);
  const get = async (name: string): Promise<Float64Array> => (has(name) ? (await loadColumns(engine, handle, [name]))[0].values : nan());
  const optional = async (name: string | undefined) => (name && has(name) ? (await loadColumns(engine, handle, [name]))[0].values : undefined);
  return {
    testTimeS: await get(C.TestTime),
    voltageV: await get(C.Voltage),
    currentA: await get(C.Current),
    cycle: has(C.CycleCount) ? await get(C.CycleCount) : new Float64Array(handle.rowCount).fill(1),
    vendorCycle: await optional(C.CycleVendor),
    stepCount: has(C.StepCount) ? await get(C.StepCount) : new Float64Array(handle.rowCount).fill(1),
    stepIndex: await optional(C.StepIndex),
    stepType: has(C.StepType) ? await get(C.StepType) : new Float64Array(handle.rowCount),
    chargeCapacityAh: await get(C.ChargingCapacity),
    dischargeCapacityAh: await get(C.DischargingCapacity),
    chargeEnergyWh: await get(C.ChargingEnergy),
    dischargeEnergyWh: await get(C.DischargingEnergy),
    temperatureC: await optional(TEMPERATURE_COLUMNS.find(has)),
    internalResistanceOhm: await optional(C.InternalResistance),
  };
}

/** Per-cycle summary computed from the stored series. */
export async function computeCycleSummaries(engine: SeriesEngine, handle: SeriesHandle): Promise<CycleSummary[]> {
  return summariseCycles(await loadCycleSeries(engine, handle));
}

/** Step table computed from the stored series. */
export async function computeStepSummaries(engine: SeriesEngine, handle: SeriesHandle): Promise<StepSummary[]> {
  return summariseSteps(await loadCycleSeries(engine, handle));
}
