import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDataFile } from '../series/data-api-seed.js';
import { withDuckDb, sqlString } from '../series/duckdb.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { insertUser } from '../users/user.repository.js';
import { registerExportCommand } from './export.command.js';

// The CLI opens the database under DATA_DIR itself, so this test seeds an embedded one there.
describe('liionsden export', () => {
  let dir: string;
  let id: number;
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'export-cli-'));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const config = loadConfig();
    const database = openDatabase({ dataDir: dir });
    await migrateToLatest(database.db);
    const user = await insertUser(database.db, { username: 'owner', email: 'o@example.org', password: 'pw-owner-secret', role: 'contributor', isActive: true });
    id = (await seedDataFile(database.db, openBlobStore(config), { ownerId: user.id, status: 'private', dir, cycles: 2, originalName: 'a.csv' })).id;
    await database.close();
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) => {
    const program = new Command('liionsden').exitOverride();
    registerExportCommand(program);
    return program.parseAsync(['node', 'liionsden', 'export', ...args]);
  };

  it('writes the Parquet file as stored and CSV with BDF headers', async () => {
    const parquet = join(dir, 'out.parquet');
    await run(String(id), '--format', 'parquet', '--out', parquet);
    const rows = await withDuckDb(async (c) => (await c.runAndReadAll(`SELECT count(*)::INT FROM read_parquet(${sqlString(parquet)})`)).getRowsJS()[0][0]);
    expect(rows).toBe(2 * 7200);
    const csv = join(dir, 'out.csv');
    await run(String(id), '--format', 'bdf-csv', '--out', csv);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2 * 7200 + 1);
    expect(lines[0].startsWith('Record Index / 1,Test Time / s,')).toBe(true);
  });

  it('refuses an unknown format and a missing data file', async () => {
    await expect(run(String(id), '--format', 'xlsx', '--out', join(dir, 'x'))).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(run('999', '--format', 'csv', '--out', join(dir, 'x'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
