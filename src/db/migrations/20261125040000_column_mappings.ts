import { sql, type Kysely } from 'kysely';
import { addRecordColumns } from '../record-columns.js';

// Saved generic-CSV column mappings: header → canonical column + unit, optionally tied to one equipment.
export async function up(db: Kysely<unknown>): Promise<void> {
  await addRecordColumns(db.schema.createTable('column_mappings'))
    .addColumn('equipment_id', 'integer', (c) => c.references('equipment.id'))
    .addColumn('mapping', 'jsonb', (c) => c.notNull())
    .execute();
  await sql`create index column_mappings_equipment on column_mappings (equipment_id) where status <> 'deleted'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('column_mappings').execute();
}
