import type { Kysely } from 'kysely';
import { addRecordColumns } from '../record-columns.js';

// People are authors and contacts; `name` holds the long name.
export async function up(db: Kysely<unknown>): Promise<void> {
  await addRecordColumns(db.schema.createTable('people'))
    .addColumn('short_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('people_organisation').on('people').column('organisation_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('people').execute();
}
