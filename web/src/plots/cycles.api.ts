import { apiFetch, withQuery } from '../api/api-client.js';
import type { ApiFadeFigures as FadeFigures } from '../api/api-types.js';

export type CapacityUnit = 'Ah' | 'mAh' | 'mAh/g' | 'mAh/cm2';

/** One cycle's capacities (in the chosen capacity unit) and coulombic efficiency: what the fade plots draw. */
export interface CycleRow {
  cycle: number;
  chargeCapacity: number | null;
  dischargeCapacity: number | null;
  coulombicEfficiency: number | null;
}

/** One cycle's whole summary, as a data file's cycle table lists it. */
export interface CycleSummaryRow extends CycleRow {
  chargeEnergyWh: number | null;
  dischargeEnergyWh: number | null;
  energyEfficiency: number | null;
  minVoltageV: number | null;
  maxVoltageV: number | null;
  meanTemperatureC: number | null;
  internalResistanceOhm: number | null;
  durationS: number | null;
  /** The cycle's data-quality flag codes (with a count when more than one). */
  qualityFlags: string[];
}

export interface CycleTable<Row extends CycleRow = CycleRow> {
  unit: CapacityUnit;
  rows: Row[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function flagsOf(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.map((f: { code?: unknown; count?: unknown }) => (typeof f.count === 'number' && f.count > 1 ? `${String(f.code)} ×${f.count}` : String(f.code)));
}

/** The `cycles` summary body: capacities come already in the asked unit. */
export function toCycleTable(body: unknown, unit: CapacityUnit): CycleTable<CycleSummaryRow> {
  const list = ((body as { cycles?: Record<string, unknown>[] } | null)?.cycles ?? []) as Record<string, unknown>[];
  const rows = list.map((r) => ({
    cycle: num(r.cycle) ?? 0,
    chargeCapacity: num(r.chargeCapacity),
    dischargeCapacity: num(r.dischargeCapacity),
    coulombicEfficiency: num(r.coulombicEfficiency),
    chargeEnergyWh: num(r.chargeEnergyWh),
    dischargeEnergyWh: num(r.dischargeEnergyWh),
    energyEfficiency: num(r.energyEfficiency),
    minVoltageV: num(r.minVoltageV),
    maxVoltageV: num(r.maxVoltageV),
    meanTemperatureC: num(r.meanTemperatureC),
    internalResistanceOhm: num(r.internalResistanceOhm),
    durationS: num(r.durationS),
    qualityFlags: flagsOf(r.qualityFlags),
  }));
  return { unit, rows };
}

export async function fetchCycles(dataFileId: number, unit: CapacityUnit, joined = false): Promise<CycleTable<CycleSummaryRow>> {
  return toCycleTable(await apiFetch<unknown>(withQuery(`/api/v1/data-files/${dataFileId}/cycles`, { unit, joined })), unit);
}

interface CurvesBody<T> {
  curves: { cycle: number; charge: T; discharge: T }[];
}

export interface LabelledCurve {
  label: string;
  x: number[];
  y: number[];
}

/** Voltage vs capacity of chosen cycles, charge and discharge, capacity in `unit`. */
export async function fetchVoltageCapacity(dataFileId: number, cycles: number[], unit: CapacityUnit, maxPoints: number): Promise<LabelledCurve[]> {
  const body = await apiFetch<CurvesBody<{ capacity: number[]; voltageV: number[] }>>(withQuery(`/api/v1/data-files/${dataFileId}/voltage-capacity`, { cycles, unit, maxPoints }));
  return body.curves.flatMap((c) => [
    { label: `cycle ${c.cycle} charge`, x: c.charge.capacity, y: c.charge.voltageV },
    { label: `cycle ${c.cycle} discharge`, x: c.discharge.capacity, y: c.discharge.voltageV },
  ]);
}

/** dQ/dV against voltage of chosen cycles (smoothed on the server), capacity in `unit`. */
export async function fetchDqdv(dataFileId: number, cycles: number[], unit: CapacityUnit): Promise<LabelledCurve[]> {
  const body = await apiFetch<CurvesBody<{ dqdv: { voltageV: number[]; dqdv: number[] } }>>(withQuery(`/api/v1/data-files/${dataFileId}/dqdv`, { cycles, unit }));
  return body.curves.flatMap((c) => [
    { label: `cycle ${c.cycle} charge`, x: c.charge.dqdv.voltageV, y: c.charge.dqdv.dqdv },
    { label: `cycle ${c.cycle} discharge`, x: c.discharge.dqdv.voltageV, y: c.discharge.dqdv.dqdv },
  ]);
}

interface CompareBody {
  dataFiles: { id: number; name: string; cycle: number[]; discharge?: number[]; charge?: number[]; coulombic?: (number | null)[]; figures?: FadeFigures }[];
}

/** One compared data file: its cycles, and its headline figures (fade, first and last capacity, mean CE). */
export type ComparedFile = CycleTable & { id: number; name: string; figures: FadeFigures | undefined };

/** Capacity and coulombic efficiency vs cycle of many data files, two calls of the cross-dataset endpoint. */
export async function fetchCompare(dataFileIds: number[], unit: CapacityUnit): Promise<ComparedFile[]> {
  const [capacity, efficiency] = await Promise.all(
    (['capacity', 'efficiency'] as const).map((metric) => apiFetch<CompareBody>(withQuery('/api/v1/compare/cycles', { dataFiles: dataFileIds, metric, unit }))),
  );
  return capacity.dataFiles.map((f) => {
    const ce = efficiency.dataFiles.find((e) => e.id === f.id);
    return {
      id: f.id,
      name: f.name,
      figures: f.figures,
      unit,
      rows: f.cycle.map((cycle, i) => ({ cycle, chargeCapacity: num(f.charge?.[i]), dischargeCapacity: num(f.discharge?.[i]), coulombicEfficiency: num(ce?.coulombic?.[i]) })),
    };
  });
}
