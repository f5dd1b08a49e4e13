import { apiFetch, withQuery } from '../api/api-client.js';

export type CapacityUnit = 'Ah' | 'mAh/g' | 'mAh/cm2';

/** One cycle's summary in the chosen capacity unit. */
export interface CycleRow {
  cycle: number;
  chargeCapacity: number | null;
  dischargeCapacity: number | null;
  coulombicEfficiency: number | null;
}

export interface CycleTable {
  unit: CapacityUnit;
  rows: CycleRow[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The `cycles` summary body: capacities come already in the asked unit. */
export function toCycleTable(body: unknown, unit: CapacityUnit): CycleTable {
  const list = ((body as { cycles?: Record<string, unknown>[] } | null)?.cycles ?? []) as Record<string, unknown>[];
  const rows = list.map((r) => ({
    cycle: num(r.cycle) ?? 0,
    chargeCapacity: num(r.chargeCapacity),
    dischargeCapacity: num(r.dischargeCapacity),
    coulombicEfficiency: num(r.coulombicEfficiency),
  }));
  return { unit, rows };
}

export async function fetchCycles(dataFileId: number, unit: CapacityUnit): Promise<CycleTable> {
  return toCycleTable(await apiFetch<unknown>(withQuery(`/api/v1/data-files/${dataFileId}/cycles`, { unit })), unit);
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
