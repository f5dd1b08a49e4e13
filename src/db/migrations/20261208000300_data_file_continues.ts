import { sql, type Kysely } from 'kysely';

// A test resumed into a new file (after a pause or a restart of the cycler) names the file it
// continues, so the two read as one series (ADR 0018). One successor per file: the links form chains.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('data_files').addColumn('continues_id', 'integer', (c) => c.references('data_files.id').onDelete('set null')).execute();
  await sql`create unique index data_files_continues_live on data_files (continues_id) where continues_id is not null and status <> 'deleted'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index data_files_continues_live`.execute(db);
  await db.schema.alterTable('data_files').dropColumn('continues_id').execute();
}
