import { sql, type Kysely } from 'kysely';
import { addRecordColumns } from '../record-columns.js';

// Organisations and users come first: every other record has an owner (a user).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'integer')
    .addColumn('role', 'text', (c) =>
      c.notNull().defaultTo('read_only').check(sql`role in ('read_only', 'contributor', 'maintainer', 'user_manager', 'administrator')`),
    )
    .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('modified_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index users_email_lower on users (lower(email))`.execute(db);

  await addRecordColumns(db.schema.createTable('organisations'))
    .addColumn('website', 'text')
    .addColumn('is_research', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_publisher', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_cell_manufacturer', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_equipment_manufacturer', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`create unique index organisations_name_live on organisations (lower(name)) where status <> 'deleted'`.execute(db);

  await db.schema
    .alterTable('users')
    .addForeignKeyConstraint('users_institution_fk', ['institution_id'], 'organisations', ['id'], (c) => c.onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropConstraint('users_institution_fk').execute();
  await db.schema.dropTable('organisations').execute();
  await db.schema.dropTable('users').execute();
}
