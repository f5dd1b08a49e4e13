import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/setup/test-database.js';
import type { DatabaseHandle } from '../db/database.js';
import { insertUser } from '../users/user.repository.js';
import { createApiToken, findTokenUser } from './api-token.repository.js';

describe('findTokenUser', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  const lastUsed = async (id: number) =>
    (await handle.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow()).last_used_at;

  it('finds the user, records first use, and writes last use at most once a minute', async () => {
    const user = await insertUser(handle.db, { username: 'scripter', email: 'scripter@example.org', password: 'pw-scripter-secret', role: 'contributor', isActive: true, institutionId: null });
    const { id, token } = await createApiToken(handle.db, user.id, 'script');
    expect(await lastUsed(id)).toBeNull();

    const found = await findTokenUser(handle.db, token);
    expect(found).toMatchObject({ id: user.id, role: 'contributor', is_active: true });
    const first = await lastUsed(id);
    expect(first).not.toBeNull();

    await findTokenUser(handle.db, token);
    expect(new Date(String(await lastUsed(id))).getTime()).toBe(new Date(String(first)).getTime());

    // An hour-old mark is refreshed on the next use.
    await handle.db.updateTable('api_tokens').set({ last_used_at: new Date(Date.now() - 3_600_000) }).where('id', '=', id).execute();
    await findTokenUser(handle.db, token);
    expect(Date.now() - new Date(String(await lastUsed(id))).getTime()).toBeLessThan(60_000);
  });

  it('finds nobody for an unknown token', async () => {
    expect(await findTokenUser(handle.db, 'ld_nope')).toBeUndefined();
  });
});
