import { type Kysely } from 'kysely';

// Attempts lost to an outage of the blob store: such a job is retried with a back-off of its own and
// never counted against max_attempts, so an outage cannot fail files for good.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('outages', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').dropColumn('outages').execute();
}
