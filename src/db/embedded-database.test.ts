import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { currentMigration, migrateToLatest } from './migrate.js';

// The embedded database on disk: made on first open (in a child process), reopened after.
describe('embedded database directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'liionsden-embedded-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is created on first open, migrated, and reopened with its data', { timeout: 240_000 }, async () => {
    const dataDir = join(root, 'data');
    const first = openDatabase({ dataDir });
    await migrateToLatest(first.db);
    const migration = await currentMigration(first.db);
    expect(migration).not.toBeNull();
    await first.close();
    expect(existsSync(join(dataDir, 'db', 'PG_VERSION'))).toBe(true);
    expect(readdirSync(dataDir)).toEqual(['db']); // no staging directory left behind

    const again = openDatabase({ dataDir });
    expect(await currentMigration(again.db)).toBe(migration);
    await again.close();
  });

  it('replaces an empty directory', { timeout: 240_000 }, async () => {
    const dataDir = join(root, 'empty');
    mkdirSync(join(dataDir, 'db'), { recursive: true });
    const handle = openDatabase({ dataDir });
    await handle.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    await handle.close();
    expect(existsSync(join(dataDir, 'db', 'PG_VERSION'))).toBe(true);
  });

  it('refuses a directory that holds something else, and leaves it as it was', { timeout: 240_000 }, async () => {
    const dataDir = join(root, 'other');
    mkdirSync(join(dataDir, 'db'), { recursive: true });
    writeFileSync(join(dataDir, 'db', 'notes.txt'), 'mine');
    const handle = openDatabase({ dataDir });
    await expect(handle.db.selectNoFrom((eb) => eb.val(1).as('one')).execute()).rejects.toThrow(
      /db exists and is not a database \(no PG_VERSION\)/,
    );
    await handle.close();
    expect(readdirSync(join(dataDir, 'db'))).toEqual(['notes.txt']);
    expect(readdirSync(dataDir)).toEqual(['db']);
  });
});
