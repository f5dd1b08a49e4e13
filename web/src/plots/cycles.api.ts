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
  /** Multiply a capacity in Ah by this to show it in `unit`. */
  factor: number;
  rows: CycleRow[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function pick(o: Record<string, unknown>, ...keys: string[]): number | null {
  for (const k of keys) if (k in o) return num(o[k]);
  return null;
}

/** Reads the summary whether the API names fields in camelCase or snake_case, with or without unit suffixes. */
export function toCycleTable(body: unknown, unit: CapacityUnit): CycleTable {
  const b = (body ?? {}) as Record<string, unknown>;
  const list = (Array.isArray(body) ? body : Array.isArray(b.items) ? b.items : Array.isArray(b.cycles) ? b.cycles : []) as Record<string, unknown>[];
  const scale = (b.scale ?? b.capacity_scale ?? {}) as Record<string, unknown>;
  const factor = num(b.factor) ?? num(scale.factor) ?? 1;
  const alreadyScaled = num(b.factor) === null && num(scale.factor) === null;
  const cap = (v: number | null) => (v === null ? null : alreadyScaled ? v : v * factor);
  const rows = list.map((r) => ({
    cycle: pick(r, 'cycle', 'cycle_number', 'cycle_count') ?? 0,
    chargeCapacity: cap(pick(r, 'chargeCapacity', 'charge_capacity', 'chargeCapacityAh', 'charge_capacity_ah')),
    dischargeCapacity: cap(pick(r, 'dischargeCapacity', 'discharge_capacity', 'dischargeCapacityAh', 'discharge_capacity_ah')),
    coulombicEfficiency: pick(r, 'coulombicEfficiency', 'coulombic_efficiency'),
  }));
  return { unit, factor: alreadyScaled ? 1 : factor, rows };
}

export async function fetchCycles(dataFileId: number, unit: CapacityUnit): Promise<CycleTable> {
  return toCycleTable(await apiFetch<unknown>(withQuery(`/api/v1/data-files/${dataFileId}/cycles`, { unit: unit === 'Ah' ? undefined : unit })), unit);
}

/** dQ/dV curves per cycle: x voltage (V), y dQ/dV in unit/V. */
export interface CurveSet {
  curves: { cycle: number; x: number[]; y: number[] }[];
}

export function toCurveSet(body: unknown, xKeys: string[], yKeys: string[]): CurveSet {
  const b = (body ?? {}) as Record<string, unknown>;
  const list = (Array.isArray(body) ? body : Array.isArray(b.items) ? b.items : Array.isArray(b.cycles) ? b.cycles : Array.isArray(b.curves) ? b.curves : []) as Record<string, unknown>[];
  const arr = (o: Record<string, unknown>, keys: string[]) => (keys.map((k) => o[k]).find(Array.isArray) as number[] | undefined) ?? [];
  return { curves: list.map((c) => ({ cycle: Number(c.cycle ?? 0), x: arr(c, xKeys), y: arr(c, yKeys) })) };
}

export async function fetchDqdv(dataFileId: number, cycles: number[], unit: CapacityUnit): Promise<CurveSet> {
  const body = await apiFetch<unknown>(withQuery(`/api/v1/data-files/${dataFileId}/dqdv`, { cycles, unit: unit === 'Ah' ? undefined : unit }));
  return toCurveSet(body, ['voltageV', 'voltage_v', 'voltage', 'x'], ['dqdv', 'dQdV', 'dqdv_per_v', 'y']);
}
