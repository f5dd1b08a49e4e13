import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Database } from '../../src/db/schema.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { pgliteTemplatePath } from './pglite-template.js';

// PGlite's initdb costs seconds; do it and the migrations once, then each test file loads a copy.
export default async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const client = new PGlite();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  await migrateToLatest(db);
  const dump = await client.dumpDataDir('none');
  mkdirSync(dirname(pgliteTemplatePath), { recursive: true });
  // Written aside and renamed: other test runs may be reading the template right now.
  const tmp = `${pgliteTemplatePath}.${process.pid}`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, pgliteTemplatePath);
  await db.destroy();
}
