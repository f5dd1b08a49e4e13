import { sql, type Kysely } from 'kysely';

// Recent failed sign-ins, so every server process enforces the same limits (ADR 0012). Rows older than
// the window are deleted as new ones arrive; `account` is the lowercased username as typed, known or not.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('login_failures_account').on('login_failures').columns(['account', 'failed_at']).execute();
  await db.schema.createIndex('login_failures_client').on('login_failures').columns(['client', 'failed_at']).execute();
  await db.schema.createIndex('login_failures_failed_at').on('login_failures').column('failed_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_failures').execute();
}
