import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/setup/test-database.js';
import type { DatabaseHandle } from './database.js';
import { createMigrator, currentMigration, migrateToLatest, migrateToNothing } from './migrate.js';

describe('migrations', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => handle.close());

  it('run up, all the way down, and up again', { timeout: 240_000 }, async () => {
    await migrateToLatest(handle.db);
    const all = await createMigrator(handle.db).getMigrations();
    expect(all.length).toBeGreaterThan(0);
    expect(await currentMigration(handle.db)).toBe(all[all.length - 1].name);
    await migrateToNothing(handle.db);
    expect(await currentMigration(handle.db)).toBeNull();
    await migrateToLatest(handle.db);
    expect(await currentMigration(handle.db)).toBe(all[all.length - 1].name);
  });
});
