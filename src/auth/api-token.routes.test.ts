import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

describe('API tokens against account takeover', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const me = async (user: TestUser) => (await t.call('GET', '/api/v1/auth/me', user)).status;
  async function newToken(session: TestUser, name: string): Promise<TestUser> {
    const res = await t.call('POST', '/api/v1/auth/tokens', session, { name });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    return { ...session, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } };
  }

  it('a token may read its tokens but not create or revoke any, nor change the password', async () => {
    const user = await t.createUser('contributor'); // signed in by its API token
    const refused = [
      await t.call('POST', '/api/v1/auth/tokens', user, { name: 'another' }),
      await t.call('DELETE', '/api/v1/auth/tokens', user),
      await t.call('POST', '/api/v1/auth/password', user, { current_password: user.password, new_password: 'taken over now' }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/API tokens cannot manage API tokens or change the password/);
    }
    const [own] = (await (await t.call('GET', '/api/v1/auth/tokens', user)).json()) as { id: number }[];
    expect((await t.call('DELETE', `/api/v1/auth/tokens/${own.id}`, user)).status).toBe(403);
    expect(await me(user)).toBe(200);
    expect(await me(await t.signIn(user))).toBe(200); // the password is unchanged
  });

  it('revokes all my tokens at once, and only mine', async () => {
    const user = await t.createUser('contributor');
    const other = await t.createUser('contributor');
    const session = await t.signIn(user);
    const second = await newToken(session, 'laptop');
    const res = await t.call('DELETE', '/api/v1/auth/tokens', session);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revoked: 2 });
    expect([await me(user), await me(second), await me(other), await me(session)]).toEqual([401, 401, 200, 200]);
    const listed = (await (await t.call('GET', '/api/v1/auth/tokens', session)).json()) as { revoked_at: string | null }[];
    expect(listed.every((x) => x.revoked_at !== null)).toBe(true);
  });

  it('a password change revokes my tokens unless revoke_tokens is false', async () => {
    const user = await t.createUser('contributor');
    const session = await t.signIn(user);
    const kept = await t.call('POST', '/api/v1/auth/password', session, { current_password: user.password, new_password: 'second secret pw', revoke_tokens: false });
    expect(kept.status).toBe(204);
    expect(await me(user)).toBe(200);

    const changed = await t.call('POST', '/api/v1/auth/password', session, { current_password: 'second secret pw', new_password: 'third secret pw' });
    expect(changed.status).toBe(204);
    expect(await me(user)).toBe(401);
    expect(await me(session)).toBe(200); // the session that changed it stays signed in
  });
});
