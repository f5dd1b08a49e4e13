import { sql, type Kysely } from 'kysely';

// Where the last ingest of a growing text file stopped (ADR 0010): the raw bytes it covered and the
// normalisation checkpoint (a blob) and facts that let rows appended later be parsed on their own.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('series_resume_points')
    .addColumn('data_file_id', 'integer', (c) => c.primaryKey().references('data_files.id').onDelete('cascade'))
    .addColumn('raw_sha256', 'text', (c) => c.notNull())
    .addColumn('byte_end', 'bigint', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('parser_version', 'text', (c) => c.notNull())
    .addColumn('checkpoint_key', 'text', (c) => c.notNull())
    .addColumn('facts', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('series_resume_points').execute();
}
