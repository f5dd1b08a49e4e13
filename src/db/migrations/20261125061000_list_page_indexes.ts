import { sql, type Kysely } from 'kysely';

// List pages answer "page + total" under the visibility scope (status, owner_id). These indexes carry the
// scope's columns so the total is an index-only scan and the page reads only rows of the filtered type.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Experiments are listed by type, newest first, and narrowed by test conditions.
  await sql`create index experiments_type_date_live on experiments (type, date)
    include (temperature_c, c_rate, owner_id, status) where status <> 'deleted'`.execute(db);
  // The devices of a batch: same key and uniqueness as devices_batch_sequence_live (its name is kept: conflicts map it).
  await sql`create unique index devices_batch_sequence_scope on devices (batch_id, sequence) include (owner_id, status) where status <> 'deleted'`.execute(db);
  await sql`drop index devices_batch_sequence_live`.execute(db);
  await sql`alter index devices_batch_sequence_scope rename to devices_batch_sequence_live`.execute(db);
  await recreateSerialIndex(db);
}

// PostgreSQL checks unique indexes in creation order: rebuilding the serial one after the sequence one keeps
// "duplicate sequence" the reported conflict when a device repeats both.
async function recreateSerialIndex(db: Kysely<unknown>): Promise<void> {
  await sql`create unique index devices_batch_serial_next on devices (batch_id, serial) where status <> 'deleted'`.execute(db);
  await sql`drop index devices_batch_serial_live`.execute(db);
  await sql`alter index devices_batch_serial_next rename to devices_batch_serial_live`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index experiments_type_date_live`.execute(db);
  await sql`create unique index devices_batch_sequence_plain on devices (batch_id, sequence) where status <> 'deleted'`.execute(db);
  await sql`drop index devices_batch_sequence_live`.execute(db);
  await sql`alter index devices_batch_sequence_plain rename to devices_batch_sequence_live`.execute(db);
  await recreateSerialIndex(db);
}
