import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { createEmbeddedDatabase, isEmbeddedDatabase } from './embedded-database.js';
import type { Database } from './schema.js';
import type { Logger } from '../observability/logger.js';

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

// Same value shapes as node-postgres above: int8 and numeric as numbers, dates as text.
const toNumber = (v: string) => Number(v);
const pgliteParsers = { 20: toNumber, 1700: toNumber, 1082: (v: string) => v };

/**
 * The embedded database's settings. PostgreSQL's default 128 MB of shared buffers (and 4 MB of WAL
 * buffers) live in PGlite's WebAssembly heap, in this process: 16 MB and 1 MB take the open database
 * from 319 to 166 MB of RSS. Pages beyond them are read through the file system, whose cache the
 * kernel keeps; the list pages measured no slower (bench/README, list pages).
 */
const PGLITE_OPTIONS = {
  parsers: pgliteParsers,
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'wal_buffers=1MB'],
};

/** Opens PostgreSQL when a URL is given, otherwise an embedded PGlite database under dataDir/db (or in memory). */
export function openDatabase(opts: { databaseUrl?: string; poolMax?: number; dataDir?: string; inMemory?: boolean; logger?: Pick<Logger, 'warn'> }): DatabaseHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolMax ?? 10 });
    // An idle connection that the server closes (a restart, an administrator, a dropped database) is an
    // 'error' event on the pool; unhandled it would end the process. The pool discards that connection
    // and the next query opens a new one (or fails with DATABASE_UNAVAILABLE while the server is down).
    pool.on('error', (err) => {
      if (opts.logger) opts.logger.warn({ err }, 'idle PostgreSQL connection closed');
      else process.stderr.write(`liionsden: idle PostgreSQL connection closed: ${err.message}\n`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let client: PGlite;
  if (opts.inMemory || !opts.dataDir) {
    client = new PGlite(PGLITE_OPTIONS);
  } else {
    const dir = join(opts.dataDir, 'db');
    mkdirSync(opts.dataDir, { recursive: true });
    client = isEmbeddedDatabase(dir) ? new PGlite(dir, PGLITE_OPTIONS) : createThenOpen(dir);
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

/**
 * A first start creates the database in a child process (see embedded-database.ts) and opens it here when
 * ready. The dialect only calls query() and close(), so until then those wait for the real client.
 */
function createThenOpen(dir: string): PGlite {
  const ready = createEmbeddedDatabase(dir).then(() => new PGlite(dir, PGLITE_OPTIONS));
  ready.catch(() => undefined); // reported by the first query (the migration at start-up)
  const deferred = {
    query: async (...args: Parameters<PGlite['query']>) => (await ready).query(...args),
    close: () => ready.then((client) => client.close(), () => undefined),
  };
  return deferred as unknown as PGlite;
}

