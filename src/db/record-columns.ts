import { sql, type ColumnType, type CreateTableBuilder, type Generated } from 'kysely';

export type RecordStatus = 'private' | 'public' | 'deleted';

/** Columns every user-created record has (see product.md). Table interfaces extend this. */
export interface RecordColumns {
  id: Generated<number>;
  name: string;
  notes: Generated<string>;
  attributes: ColumnType<Record<string, unknown>, Record<string, unknown> | string | undefined, Record<string, unknown> | string>;
  owner_id: number | null;
  status: Generated<RecordStatus>;
  created_at: ColumnType<Date, never, never>;
  modified_at: ColumnType<Date, Date | undefined, Date>;
}

/** Adds the standard record columns (id, name, notes, attributes, owner, status, times) to a new table. */
export function addRecordColumns<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, never> {
  return table
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attributes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('owner_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('private').check(sql`status in ('private', 'public', 'deleted')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('modified_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`));
}
