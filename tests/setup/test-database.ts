import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from '../../src/db/schema.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { inject } from 'vitest';
import './pglite-template.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database of its own on the PostgreSQL server named by TEST_DATABASE_URL (dropped on close).
 */
export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL;
  let handle: DatabaseHandle;
  if (url) {
    const name = `liionsden_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    await withAdminClient(url, (c) => c.query(`CREATE DATABASE ${name}`));
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const inner = openDatabase({ databaseUrl: dbUrl.toString() });
    handle = {
      ...inner,
      close: async () => {
        await inner.close();
        await withAdminClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  } else if (opts.migrate !== false && templatePath() !== null) {
    const client = new PGlite({ loadDataDir: new Blob([readFileSync(templatePath()!)]), parsers: { 20: Number, 1700: Number, 1082: (v: string) => v } });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
    return { db, kind: 'pglite', close: () => db.destroy() };
  } else {
    handle = openDatabase({ inMemory: true });
  }
  if (opts.migrate !== false) await migrateToLatest(handle.db);
  return handle;
}

function templatePath(): string | null {
  const path = inject('pgliteTemplatePath');
  return path && existsSync(path) ? path : null;
}

async function withAdminClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
