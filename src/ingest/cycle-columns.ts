import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CycleSummary } from '../domain/cycle-summary.js';
import type { CycleColumnsTable, CycleSummariesTable } from './ingest.table.js';
import type { CycleQualityFlags, QualityFlagCode } from './quality-flags.js';
import { chunks, cycleRows } from './summary-rows.js';

/** The per-cycle figures packed in cycle_columns, by their CycleSummary name → column. */
export const PACKED_CYCLE_COLUMNS = {
  cycle: 'cycle',
  chargeCapacityAh: 'charge_capacity_ah',
  dischargeCapacityAh: 'discharge_capacity_ah',
  chargeEnergyWh: 'charge_energy_wh',
  dischargeEnergyWh: 'discharge_energy_wh',
  coulombicEfficiency: 'coulombic_efficiency',
  energyEfficiency: 'energy_efficiency',
} as const satisfies Partial<Record<keyof CycleSummary, keyof CycleColumnsTable>>;

export type PackedCycleField = keyof typeof PACKED_CYCLE_COLUMNS;

/** Numbers (null = none → NaN) as big-endian float8, PostgreSQL's `float8send` layout. */
export function packFloat8(values: readonly (number | null)[]): Buffer {
  const bytes = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => bytes.writeDoubleBE(v ?? Number.NaN, i * 8));
  return bytes;
}

/** Big-endian float8 bytes back to numbers. */
export function unpackFloat8(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(bytes.byteLength >> 3);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8);
  return out;
}

/** The cycle_columns row of a data file, from its cycle_summaries rows (so both hold the same values). */
export function cycleColumnsRow(dataFileId: number, rows: readonly Insertable<CycleSummariesTable>[]): Insertable<CycleColumnsTable> {
  const sorted = [...rows].sort((a, b) => a.cycle - b.cycle);
  const column = (name: keyof CycleSummariesTable) => packFloat8(sorted.map((r) => (r[name] as number | null | undefined) ?? null));
  const row = { data_file_id: dataFileId } as Insertable<CycleColumnsTable>;
  for (const name of Object.values(PACKED_CYCLE_COLUMNS)) row[name] = column(name);
  return row;
}

/** Replaces a data file's stored cycle summaries (rows and packed columns) inside the caller's transaction. */
export async function replaceCycleSummaries(tx: Transaction<Database>, dataFileId: number, cycles: readonly CycleSummary[], flags: CycleQualityFlags): Promise<void> {
  await tx.deleteFrom('cycle_summaries').where('data_file_id', '=', dataFileId).execute();
  await tx.deleteFrom('cycle_columns').where('data_file_id', '=', dataFileId).execute();
  const rows = cycleRows(dataFileId, cycles, flags);
  for (const batch of chunks(rows, 500)) await tx.insertInto('cycle_summaries').values(batch).execute();
  if (rows.length > 0) await tx.insertInto('cycle_columns').values(cycleColumnsRow(dataFileId, rows)).execute();
}

/**
 * After an append: replaces the cycle summaries from `fromCycle` on (the open cycle, its rows now more,
 * and the new ones) and packs the columns again from all rows. The open cycle's quality-flag counts of
 * the rows before the append stay and `flags` (of the appended rows only) add to them.
 */
export async function replaceCycleSummariesFrom(tx: Transaction<Database>, dataFileId: number, fromCycle: number, cycles: readonly CycleSummary[], flags: CycleQualityFlags): Promise<void> {
  const open = await tx.selectFrom('cycle_summaries').select('quality_flags').where('data_file_id', '=', dataFileId).where('cycle', '=', fromCycle).executeTakeFirst();
  const merged: CycleQualityFlags = new Map(flags);
  const before = (typeof open?.quality_flags === 'string' ? JSON.parse(open.quality_flags) : open?.quality_flags ?? []) as { code: QualityFlagCode; count: number }[];
  const counts = { ...(merged.get(fromCycle) ?? {}) };
  for (const { code, count } of before) counts[code] = (counts[code] ?? 0) + count;
  if (before.length > 0) merged.set(fromCycle, counts);
  await tx.deleteFrom('cycle_summaries').where('data_file_id', '=', dataFileId).where('cycle', '>=', fromCycle).execute();
  for (const batch of chunks(cycleRows(dataFileId, cycles, merged), 500)) await tx.insertInto('cycle_summaries').values(batch).execute();
  await tx.deleteFrom('cycle_columns').where('data_file_id', '=', dataFileId).execute();
  const all = await tx.selectFrom('cycle_summaries').selectAll().where('data_file_id', '=', dataFileId).execute();
  if (all.length > 0) await tx.insertInto('cycle_columns').values(cycleColumnsRow(dataFileId, all as Insertable<CycleSummariesTable>[])).execute();
}
