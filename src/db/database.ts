import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

// int8 (count(*), bigint sums) arrives as a string by default; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// A calendar date stays 'YYYY-MM-DD': a JS Date would shift it by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** Opens PostgreSQL when a URL is given, otherwise an embedded PGlite database under dataDir/db (or in memory). */
export function openDatabase(opts: { databaseUrl?: string; dataDir?: string; inMemory?: boolean }): DatabaseHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection that the server closes (a restart, an administrator, a dropped database) is an
    // 'error' event on the pool; unhandled it would end the process. The pool discards that connection
    // and the next query opens a new one (or fails with DATABASE_UNAVAILABLE while the server is down).
    pool.on('error', (err) => process.stderr.write(`liionsden: idle PostgreSQL connection closed: ${err.message}\n`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let client: PGlite;
  if (opts.inMemory || !opts.dataDir) {
    client = new PGlite({ parsers: pgliteParsers });
  } else {
    const dir = join(opts.dataDir, 'db');
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir, { parsers: pgliteParsers });
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

const toNumber = (v: string) => Number(v);
// Same value shapes as node-postgres above: int8 and numeric as numbers, dates as text.
const pgliteParsers = { 20: toNumber, 1700: toNumber, 1082: (v: string) => v };
