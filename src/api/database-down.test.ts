import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { createApp } from './app.js';
import { createTestLogger } from '../../tests/setup/test-logger.js';

describe('database unreachable', () => {
  it('answers 503 with a clear message, not 500', async () => {
    // Port 1 on loopback refuses connections: a PostgreSQL server that is down.
    const handle = openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      const app = createApp({ config: loadConfig({}), db: handle.db, dbKind: handle.kind, logger: createTestLogger() });
      for (const path of ['/api/v1/organisations', '/api/health']) {
        const res = await app.request(path);
        expect(res.status, path).toBe(503);
        expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/database/) });
      }
      const ready = await app.request('/api/ready');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'not_ready', database: { status: 'down', reason: 'ECONNREFUSED' } });
    } finally {
      await handle.close();
    }
  });
});
