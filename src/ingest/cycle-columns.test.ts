import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.js';
import { createTestDatabase } from '../../tests/setup/test-database.js';
import type { CycleSummary } from '../domain/cycle-summary.js';
import { cycleColumnsRow, packFloat8, replaceCycleSummaries, unpackFloat8 } from './cycle-columns.js';
import { cycleRows } from './summary-rows.js';

let t: DatabaseHandle;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const cycle = (n: number, over: Partial<CycleSummary> = {}): CycleSummary => ({
  cycle: n, vendorCycle: n, chargeCapacityAh: 3 + n / 7, dischargeCapacityAh: 2.9 - n / 1e5, chargeEnergyWh: 11.1, dischargeEnergyWh: 10.8,
  coulombicEfficiency: 0.999, energyEfficiency: 0.97, minVoltageV: 2.7, maxVoltageV: 4.2, meanVoltageV: 3.6, minTemperatureC: null, maxTemperatureC: null,
  meanTemperatureC: null, durationS: 7200, startTestTimeS: n * 7200, endTestTimeS: (n + 1) * 7200, internalResistanceOhm: null, rowCount: 7200, ...over,
});

describe('packed cycle columns', () => {
  it('round-trips numbers, NaN and null (as NaN) through big-endian float8', () => {
    const values = [0, -0.5, 1 / 3, 1e300, Number.NaN, null, -Infinity];
    expect(unpackFloat8(packFloat8(values))).toEqual([0, -0.5, 1 / 3, 1e300, Number.NaN, Number.NaN, -Infinity]);
  });

  it('writes exactly the bytes PostgreSQL folds from cycle_summaries (the migration backfill), in cycle order', async () => {
    const experiment = await sql<{ id: number }>`insert into experiments (name, status) values ('packed', 'private') returning id`.execute(t.db);
    const file = await t.db
      .insertInto('data_files')
      .values({ name: 'f', experiment_id: experiment.rows[0].id, original_name: 'f.csv', sha256: 'a'.repeat(64), size_bytes: 1, blob_key: 'blobs/x', state: 'ready', status: 'private' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Out of order, with an efficiency missing (null in the row, NaN when packed).
    const cycles = [cycle(3), cycle(1, { coulombicEfficiency: null }), cycle(2)];
    await t.db.transaction().execute((tx) => replaceCycleSummaries(tx, file.id, cycles, new Map()));
    const folded = await sql<Record<string, Uint8Array>>`select
        string_agg(float8send(coalesce(cycle::float8, 'NaN'::float8)), ''::bytea order by cycle) as cycle,
        string_agg(float8send(coalesce(coulombic_efficiency::float8, 'NaN'::float8)), ''::bytea order by cycle) as coulombic_efficiency,
        string_agg(float8send(coalesce(discharge_capacity_ah::float8, 'NaN'::float8)), ''::bytea order by cycle) as discharge_capacity_ah
      from cycle_summaries where data_file_id = ${file.id}`.execute(t.db);
    const stored = await t.db.selectFrom('cycle_columns').selectAll().where('data_file_id', '=', file.id).executeTakeFirstOrThrow();
    for (const column of ['cycle', 'coulombic_efficiency', 'discharge_capacity_ah'] as const) {
      expect(Buffer.from(stored[column]).equals(Buffer.from(folded.rows[0][column])), column).toBe(true);
    }
    expect(unpackFloat8(stored.cycle)).toEqual([1, 2, 3]);
    expect(unpackFloat8(stored.coulombic_efficiency)).toEqual([Number.NaN, 0.999, 0.999]);
    expect(Buffer.from(stored.charge_capacity_ah).equals(Buffer.from(cycleColumnsRow(file.id, cycleRows(file.id, cycles, new Map())).charge_capacity_ah as Uint8Array))).toBe(true);

    // Replacing (a reprocess) leaves one row with the new cycles.
    await t.db.transaction().execute((tx) => replaceCycleSummaries(tx, file.id, [cycle(1)], new Map()));
    const after = await t.db.selectFrom('cycle_columns').select('cycle').where('data_file_id', '=', file.id).execute();
    expect(after.map((r) => unpackFloat8(r.cycle))).toEqual([[1]]);
  });
});
