import { sql, type Kysely } from 'kysely';
import { addRecordColumns } from '../record-columns.js';

// Monitored paths (issue 16): folders a named harvester watches, with rules that send each new file
// to an experiment and devices; files no rule places wait in unassigned_files until a person assigns them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await addRecordColumns(db.schema.createTable('monitored_paths'))
    .addColumn('harvester_name', 'text', (c) => c.notNull())
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('glob', 'text', (c) => c.notNull().defaultTo('**/*'))
    .addColumn('equipment_id', 'integer', (c) => c.references('equipment.id'))
    .addColumn('default_experiment_id', 'integer', (c) => c.references('experiments.id'))
    .addColumn('rules', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await sql`create index monitored_paths_harvester on monitored_paths (harvester_name) where status <> 'deleted'`.execute(db);

  await db.schema
    .createTable('unassigned_files')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('monitored_path_id', 'integer', (c) => c.notNull().references('monitored_paths.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('experiment_id', 'integer', (c) => c.references('experiments.id'))
    .addColumn('device_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('assigned_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assigned_at', 'timestamptz')
    .addUniqueConstraint('unassigned_files_path_name', ['monitored_path_id', 'name'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('unassigned_files').execute();
  await db.schema.dropTable('monitored_paths').execute();
}
