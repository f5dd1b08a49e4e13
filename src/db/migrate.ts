import { Migrator, sql, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

/** A Kysely migrator over the static list in migrations/index.ts. */
export function createMigrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function check(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const where = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(`Migration failed${where}: ${String((result.error as Error).message ?? result.error)}`, { cause: result.error });
  }
}

/** Runs every pending migration, newest last. */
export async function migrateToLatest(db: Db): Promise<void> {
  check(await createMigrator(db).migrateToLatest());
}

/** Rolls every migration back (used by the round-trip test). */
export async function migrateToNothing(db: Db): Promise<void> {
  const migrator = createMigrator(db);
  for (;;) {
    const done = await migrator.migrateDown();
    check(done);
    if (!done.results || done.results.length === 0) return;
  }
}

/** The name of the newest applied migration, or null on an empty database. Cheap: health checks call it. */
export async function currentMigration(db: Db): Promise<string | null> {
  const table = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(db);
  if (!table.rows[0]?.t) return null;
  const newest = await sql<{ name: string | null }>`select max(name) as name from kysely_migration`.execute(db);
  return newest.rows[0]?.name ?? null;
}
