import { sql, type Kysely } from 'kysely';

// The channel monitor (issue 16 item 5): harvesters report a heartbeat; a data file records which
// harvester feeds it; every append (and every harvester upload) is logged with its time and bytes, so
// a channel's usual append interval, rate and stall are computed from its own history.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('harvesters')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('heartbeat_interval_s', 'integer', (c) => c.notNull())
    .addColumn('paths_count', 'integer', (c) => c.notNull())
    .addColumn('files_count', 'integer', (c) => c.notNull())
    .addColumn('last_scan', 'jsonb')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('harvesters_owner_name', ['owner_id', 'name'])
    .execute();
  await db.schema.alterTable('data_files').addColumn('harvester_name', 'text').execute();
  await db.schema
    .createTable('data_file_appends')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('data_file_id', 'integer', (c) => c.notNull().references('data_files.id').onDelete('cascade'))
    .addColumn('job_id', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('harvester_name', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('data_file_appends_file').on('data_file_appends').columns(['data_file_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('data_file_appends').execute();
  await db.schema.alterTable('data_files').dropColumn('harvester_name').execute();
  await db.schema.dropTable('harvesters').execute();
}
