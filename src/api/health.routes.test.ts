import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/setup/test-database.js';
import { loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createApp } from './app.js';
import { createTestLogger } from '../../tests/setup/test-logger.js';

describe('GET /api/health', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it('reports the database kind and the newest migration', async () => {
    const app = createApp({ config: loadConfig({}), db: handle.db, dbKind: handle.kind, logger: createTestLogger() });
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: { kind: string; migration: string } };
    expect(body.status).toBe('ok');
    expect(body.database.kind).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    expect(body.database.migration).toMatch(/^\d{14}_/);
  });

  it('answers an unknown route with the one JSON error shape', async () => {
    const app = createApp({ config: loadConfig({}), db: handle.db, dbKind: handle.kind, logger: createTestLogger() });
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
