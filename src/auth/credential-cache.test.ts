import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { createCredentialCache, type CredentialOwner } from './credential-cache.js';

describe('createCredentialCache', () => {
  const setup = () => {
    let clock = 1_000_000;
    const cache = createCredentialCache({ ttlMs: 5_000, maxEntries: 3, now: () => clock });
    const loads: string[] = [];
    const load = (secret: string, value: CredentialOwner | undefined) => () => {
      loads.push(secret);
      return Promise.resolve(value);
    };
    return { cache, loads, load, tick: (ms: number) => (clock += ms), now: () => clock };
  };

  it('reuses a lookup until the TTL, then reads again', async () => {
    const { cache, loads, load, tick } = setup();
    const user = { id: 7 };
    expect(await cache.lookup('bearer', 'ld_a', load('ld_a', user))).toBe(user);
    tick(4_999);
    expect(await cache.lookup('bearer', 'ld_a', load('ld_a', user))).toBe(user);
    expect(loads).toEqual(['ld_a']);
    tick(1);
    await cache.lookup('bearer', 'ld_a', load('ld_a', user));
    expect(loads).toEqual(['ld_a', 'ld_a']);
  });

  it('never caches a miss, and keeps bearer and session secrets apart', async () => {
    const { cache, loads, load } = setup();
    expect(await cache.lookup('bearer', 'x', load('x', undefined))).toBeUndefined();
    expect(await cache.lookup('bearer', 'x', load('x', { id: 1 }))).toEqual({ id: 1 });
    expect(await cache.lookup('session', 'x', load('x', undefined))).toBeUndefined();
    expect(loads).toEqual(['x', 'x', 'x']);
  });

  it('forgets a user or a session at once', async () => {
    const { cache, loads, load } = setup();
    await cache.lookup('bearer', 'ld_a', load('ld_a', { id: 1 }));
    await cache.lookup('session', 'lds_b', load('lds_b', { id: 2, session_id: 20 }));
    await cache.lookup('session', 'lds_c', load('lds_c', { id: 2, session_id: 21 }));
    cache.forgetUser(1);
    cache.forgetSession(20);
    for (const s of ['ld_a', 'lds_b', 'lds_c']) await cache.lookup(s.startsWith('ld_') ? 'bearer' : 'session', s, load(s, { id: 9 }));
    expect(loads).toEqual(['ld_a', 'lds_b', 'lds_c', 'ld_a', 'lds_b']);
  });

  it('does not store a lookup that raced with a change', async () => {
    const { cache, loads } = setup();
    let release!: (v: CredentialOwner) => void;
    const slow = cache.lookup('bearer', 'ld_a', () => new Promise<CredentialOwner>((r) => (release = r)));
    cache.forgetUser(1); // the role changes while the old row is on its way
    release({ id: 1 });
    expect(await slow).toEqual({ id: 1 });
    await cache.lookup('bearer', 'ld_a', () => (loads.push('again'), Promise.resolve({ id: 1 })));
    expect(loads).toEqual(['again']);
  });

  it('ends a session entry at the session expiry, and evicts the oldest entry when full', async () => {
    const { cache, loads, load, tick, now } = setup();
    await cache.lookup('session', 's', load('s', { id: 1, session_id: 1, expires_at: new Date(now() + 1_000) }));
    tick(1_000);
    await cache.lookup('session', 's', load('s', { id: 1, session_id: 1, expires_at: new Date(now() + 60_000) }));
    expect(loads).toEqual(['s', 's']);
    for (const s of ['a', 'b', 'c']) await cache.lookup('bearer', s, load(s, { id: 2 }));
    await cache.lookup('session', 's', load('s', { id: 1 }));
    expect(loads).toEqual(['s', 's', 'a', 'b', 'c', 's']);
  });
});

describe('cached credentials through the API', () => {
  let t: TestApp;
  let manager: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    manager = await t.createUser('user_manager');
  });
  afterAll(async () => t.close());

  const me = async (user: TestUser) => t.app.request('/api/v1/auth/me', { headers: user.headers });
  const role = async (user: TestUser) => ((await (await me(user)).json()) as { user: { role: string } }).user.role;

  it('applies a role change and a deactivation made in this process to the next request', async () => {
    const user = await t.createUser('contributor');
    expect(await role(user)).toBe('contributor');
    const allowed = await t.call('POST', '/api/v1/protocols', user, { name: 'Allowed', type: 'experimental' });
    expect(allowed.status).toBe(201);
    expect((await t.call('PATCH', `/api/v1/users/${user.id}`, manager, { role: 'read_only' })).status).toBe(200);
    // The viewer's role (cached), not only the users row: read-only users may not create records.
    expect((await t.call('POST', '/api/v1/protocols', user, { name: 'Not allowed', type: 'experimental' })).status).toBe(403);
    expect((await t.call('PATCH', `/api/v1/users/${user.id}`, manager, { is_active: false })).status).toBe(200);
    expect((await me(user)).status).toBe(401);
  });

  it('rejects a revoked token at once', async () => {
    const user = await t.createUser('contributor');
    const session = await t.signIn(user);
    const created = await t.call('POST', '/api/v1/auth/tokens', session, { name: 'second' });
    const { id, token } = (await created.json()) as { id: number; token: string };
    const second: TestUser = { ...user, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } };
    expect((await me(second)).status).toBe(200);
    expect((await t.call('DELETE', `/api/v1/auth/tokens/${id}`, session)).status).toBe(204);
    expect((await me(second)).status).toBe(401);
    expect((await me(user)).status).toBe(200);
  });
});
