import { sql, type Kysely } from 'kysely';

// Ingestion: the durable job queue, the per-cycle summary and step tables (cross-dataset queries),
// and the history of which parser version produced which stored series.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ingest')`))
    .addColumn('data_file_id', 'integer', (c) => c.notNull().references('data_files.id').onDelete('cascade'))
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued').check(sql`state in ('queued', 'running', 'done', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('run_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index jobs_claimable on jobs (run_at, id) where state in ('queued', 'running')`.execute(db);
  await db.schema.createIndex('jobs_data_file').on('jobs').column('data_file_id').execute();

  const num = 'double precision' as const;
  await db.schema
    .createTable('cycle_summaries')
    .addColumn('data_file_id', 'integer', (c) => c.notNull().references('data_files.id').onDelete('cascade'))
    .addColumn('cycle', 'integer', (c) => c.notNull())
    .addColumn('vendor_cycle', num)
    .addColumn('charge_capacity_ah', num, (c) => c.notNull())
    .addColumn('discharge_capacity_ah', num, (c) => c.notNull())
    .addColumn('charge_energy_wh', num, (c) => c.notNull())
    .addColumn('discharge_energy_wh', num, (c) => c.notNull())
    .addColumn('coulombic_efficiency', num)
    .addColumn('energy_efficiency', num)
    .addColumn('min_voltage_v', num)
    .addColumn('max_voltage_v', num)
    .addColumn('mean_voltage_v', num)
    .addColumn('min_temperature_c', num)
    .addColumn('max_temperature_c', num)
    .addColumn('mean_temperature_c', num)
    .addColumn('duration_s', num, (c) => c.notNull())
    .addColumn('start_test_time_s', num, (c) => c.notNull())
    .addColumn('end_test_time_s', num, (c) => c.notNull())
    .addColumn('internal_resistance_ohm', num)
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('quality_flags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addPrimaryKeyConstraint('cycle_summaries_pk', ['data_file_id', 'cycle'])
    .execute();

  await db.schema
    .createTable('steps')
    .addColumn('data_file_id', 'integer', (c) => c.notNull().references('data_files.id').onDelete('cascade'))
    .addColumn('step_count', 'integer', (c) => c.notNull())
    .addColumn('cycle', 'integer', (c) => c.notNull())
    .addColumn('step_index', num)
    .addColumn('step_type', 'smallint', (c) => c.notNull())
    .addColumn('start_test_time_s', num, (c) => c.notNull())
    .addColumn('end_test_time_s', num, (c) => c.notNull())
    .addColumn('duration_s', num, (c) => c.notNull())
    .addColumn('charge_capacity_ah', num, (c) => c.notNull())
    .addColumn('discharge_capacity_ah', num, (c) => c.notNull())
    .addColumn('charge_energy_wh', num, (c) => c.notNull())
    .addColumn('discharge_energy_wh', num, (c) => c.notNull())
    .addColumn('start_voltage_v', num)
    .addColumn('end_voltage_v', num)
    .addColumn('mean_current_a', num)
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('steps_pk', ['data_file_id', 'step_count'])
    .execute();

  await db.schema
    .createTable('data_file_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('data_file_id', 'integer', (c) => c.notNull().references('data_files.id').onDelete('cascade'))
    .addColumn('job_id', 'integer')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('parser_version', 'text', (c) => c.notNull())
    .addColumn('series_key', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('data_file_versions_file').on('data_file_versions').column('data_file_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('data_file_versions').execute();
  await db.schema.dropTable('steps').execute();
  await db.schema.dropTable('cycle_summaries').execute();
  await db.schema.dropTable('jobs').execute();
}
