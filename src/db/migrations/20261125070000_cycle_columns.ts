import { sql, type Kysely } from 'kysely';

// The cross-dataset cycle table (/compare/cycles, batch statistics) reads a few figures of every cycle of
// many data files. Folding 100,000 cycle_summaries rows per call costs ~150 ms in PostgreSQL; one row per
// data file holding each figure as packed big-endian float8 (written with the summaries) is read in ~10 ms.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cycle_columns')
    .addColumn('data_file_id', 'integer', (c) => c.primaryKey().references('data_files.id').onDelete('cascade'))
    .addColumn('cycle', 'bytea', (c) => c.notNull())
    .addColumn('charge_capacity_ah', 'bytea', (c) => c.notNull())
    .addColumn('discharge_capacity_ah', 'bytea', (c) => c.notNull())
    .addColumn('charge_energy_wh', 'bytea', (c) => c.notNull())
    .addColumn('discharge_energy_wh', 'bytea', (c) => c.notNull())
    .addColumn('coulombic_efficiency', 'bytea', (c) => c.notNull())
    .addColumn('energy_efficiency', 'bytea', (c) => c.notNull())
    .execute();
  const packed = (column: string) => sql`string_agg(float8send(coalesce(${sql.ref(column)}::float8, 'NaN'::float8)), ''::bytea order by cycle)`;
  await sql`insert into cycle_columns
    select data_file_id, ${packed('cycle')}, ${packed('charge_capacity_ah')}, ${packed('discharge_capacity_ah')}, ${packed('charge_energy_wh')},
      ${packed('discharge_energy_wh')}, ${packed('coulombic_efficiency')}, ${packed('energy_efficiency')}
    from cycle_summaries group by data_file_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cycle_columns').execute();
}
