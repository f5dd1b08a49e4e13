import { Migrator, type MigrationResultSet } from 'kysely';
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

/** The name of the newest applied migration, or null on an empty database. */
export async function currentMigration(db: Db): Promise<string | null> {
  const all = await createMigrator(db).getMigrations();
  const applied = all.filter((m) => m.executedAt !== undefined);
  return applied.length ? applied[applied.length - 1].name : null;
}
