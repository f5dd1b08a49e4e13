import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import type { Config } from '../config.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

type App = TestApp['app'];

/** A sign-in as the server would see it from socket peer `peer` (and an X-Forwarded-For header, if any). */
function login(app: App, peer: string, user: { username: string; password: string }, forwardedFor?: string) {
  const headers = { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) };
  const body = JSON.stringify({ username: user.username, password: user.password });
  return app.request('/api/v1/auth/login', { method: 'POST', headers, body }, { incoming: { socket: { remoteAddress: peer } } });
}

const wrong = (u: TestUser) => ({ username: u.username, password: 'not-the-password' });

async function limitOf(res: Response) {
  expect(res.status).toBe(429);
  const retryAfterS = Number(res.headers.get('retry-after'));
  expect(retryAfterS).toBeGreaterThanOrEqual(1);
  const { error } = (await res.json()) as { error: { code: string; limit: string; retryAfterS: number } };
  expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterS });
  return { limit: error.limit, retryAfterS };
}

describe('login rate limits', () => {
  let t: TestApp;
  const open = async (config: Partial<Config> = {}) => (t = await createTestApp({ config }));
  afterEach(async () => t.close());

  it('does not trust a forged X-Forwarded-For: TRUST_PROXY_TLS alone trusts no proxy', async () => {
    await open({ secureCookies: true });
    const u = await t.createUser('contributor');
    for (let i = 0; i < 5; i++) expect((await login(t.app, '198.51.100.9', wrong(u), `192.0.2.${i}`)).status).toBe(401);
    const { limit, retryAfterS } = await limitOf(await login(t.app, '198.51.100.9', wrong(u), '192.0.2.99'));
    expect(limit).toBe('account_client');
    expect(retryAfterS).toBeLessThanOrEqual(900);
  });

  it('behind TRUST_PROXY_HOPS proxies, limits the client the proxy saw, not the proxy', async () => {
    await open({ trustProxyHops: 1 });
    const u = await t.createUser('contributor');
    const proxy = '10.0.0.2';
    for (let i = 0; i < 5; i++) expect((await login(t.app, proxy, wrong(u), `192.0.2.${i}, 203.0.113.9`)).status).toBe(401);
    expect((await limitOf(await login(t.app, proxy, u, '192.0.2.99, 203.0.113.9'))).limit).toBe('account_client');
    // Another client through the same proxy still signs in.
    expect((await login(t.app, proxy, u, '203.0.113.10')).status).toBe(200);
  });

  it('never locks the right password out of a client that has not failed', async () => {
    await open({ loginLimits: { windowS: 900, perAccountClient: 5, perClient: 20, perAccount: 3 } });
    const u = await t.createUser('contributor');
    for (const peer of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) expect((await login(t.app, peer, wrong(u))).status).toBe(401);
    // The account is under attack: clients that failed for it must wait, even with the right password...
    expect((await limitOf(await login(t.app, '192.0.2.1', wrong(u)))).limit).toBe('account');
    expect((await limitOf(await login(t.app, '192.0.2.1', u))).limit).toBe('account');
    // ...while a client without failures signs in, and a new guesser gets one try.
    expect((await login(t.app, '198.51.100.5', u)).status).toBe(200);
    expect((await login(t.app, '192.0.2.4', wrong(u))).status).toBe(401);
    expect((await limitOf(await login(t.app, '192.0.2.4', wrong(u)))).limit).toBe('account');
  });

  it('limits one client trying one password against many usernames', async () => {
    await open({ loginLimits: { windowS: 900, perAccountClient: 5, perClient: 8, perAccount: 10 } });
    const users = [await t.createUser('contributor'), await t.createUser('contributor')];
    for (let i = 0; i < 8; i++) expect((await login(t.app, '192.0.2.7', { username: `someone${i}`, password: 'Summer2026!' })).status).toBe(401);
    expect((await limitOf(await login(t.app, '192.0.2.7', { username: users[0].username, password: 'Summer2026!' }))).limit).toBe('client');
    expect((await limitOf(await login(t.app, '192.0.2.7', users[1]))).limit).toBe('client');
    expect((await login(t.app, '192.0.2.8', users[1])).status).toBe(200);
  });

  it('keeps failures in the database, shared by server processes, for the window only', async () => {
    await open();
    const u = await t.createUser('contributor');
    const other = createApp(t.deps); // a second server process on the same database
    for (let i = 0; i < 5; i++) expect((await login(t.app, '192.0.2.1', wrong(u))).status).toBe(401);
    expect((await limitOf(await login(other, '192.0.2.1', u))).limit).toBe('account_client');

    await sql`update login_failures set failed_at = failed_at - interval '10 minutes'`.execute(t.deps.db);
    expect((await limitOf(await login(other, '192.0.2.1', u))).retryAfterS).toBeLessThanOrEqual(300);
    await sql`update login_failures set failed_at = failed_at - interval '6 minutes'`.execute(t.deps.db);
    expect((await login(other, '192.0.2.1', u)).status).toBe(200);
    // Expired rows are deleted, and a success forgets the client's failures for the account.
    expect(await t.deps.db.selectFrom('login_failures').selectAll().execute()).toEqual([]);
  });

  it('answers 429 at once when more sign-ins wait for hashing than the queue holds, without counting them', async () => {
    await open({ passwordHashing: { concurrency: 1, maxQueued: 0 } });
    const u = await t.createUser('contributor');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => login(t.app, `192.0.2.${i}`, wrong(u))));
    const statuses = results.map((r) => r.status);
    expect(statuses).toContain(401);
    expect(statuses).toContain(429);
    for (const res of results.filter((r) => r.status === 429)) expect(res.headers.get('retry-after')).toBe('1');
    const stored = await t.deps.db.selectFrom('login_failures').select('client').execute();
    expect(stored).toHaveLength(statuses.filter((s) => s === 401).length);
  });
});
