import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';

const url = process.env.TEST_DATABASE_URL;

// PostgreSQL closing an idle pooled connection (restart, administrator, dropped database) must not end the process.
describe.skipIf(!url)('an idle PostgreSQL connection closed by the server (PostgreSQL only)', () => {
  it('is dropped from the pool without an uncaught error, and the next query reconnects', async () => {
    const handle = openDatabase({ databaseUrl: url });
    try {
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db)).rows[0].pid;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      // Give the pool the server's goodbye; an unhandled 'error' event would fail the run here.
      await new Promise((r) => setTimeout(r, 200));
      const again = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db)).rows[0].pid;
      expect(again).not.toBe(pid);
    } finally {
      await handle.close();
    }
  });
});
