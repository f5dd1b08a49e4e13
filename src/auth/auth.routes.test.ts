import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A cookie-jar client for one browser. */
function browser(t: TestApp) {
  const jar = new Map<string, string>();
  return {
    jar,
    async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await t.app.request(path, {
        method,
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, value] = pair.split('=');
        if (value === '' || /Max-Age=0/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
      return res;
    },
  };
}

describe('accounts and authentication', () => {
  let t: TestApp;
  let manager: TestUser;
  let institutionId: number;
  beforeAll(async () => {
    t = await createTestApp();
    manager = await t.createUser('user_manager');
    const maintainer = await t.createUser('maintainer');
    const org = await t.call('POST', '/api/v1/organisations', maintainer, { name: 'Faraday Institution', status: 'public' });
    institutionId = ((await org.json()) as Json).id;
  });
  afterAll(async () => t.close());

  async function register(username: string, password = 'correct horse battery') {
    const res = await t.call('POST', '/api/v1/auth/register', null, { username, email: `${username}@lab.example`, password, institution_id: institutionId });
    expect(res.status).toBe(201);
    return (await res.json()) as Json;
  }

  it('register → approve → login → me → write with CSRF → logout', async () => {
    expect(((await (await t.call('GET', '/api/v1/auth/institutions', null)).json()) as Json[]).map((o) => o.name)).toContain('Faraday Institution');
    const user = await register('newbie');
    expect(user).toMatchObject({ is_active: false, role: 'read_only', institution_id: institutionId });
    expect(user).not.toHaveProperty('password_hash');

    const b = browser(t);
    const early = await b.send('POST', '/api/v1/auth/login', { username: 'newbie', password: 'correct horse battery' });
    expect(early.status).toBe(403);

    const pending = (await (await t.call('GET', '/api/v1/users?is_active=false', manager)).json()) as Json[];
    expect(pending.map((u) => u.username)).toContain('newbie');
    const approved = await t.call('POST', `/api/v1/users/${user.id}/approve`, manager, { role: 'contributor' });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ is_active: true, role: 'contributor' });

    const login = await b.send('POST', '/api/v1/auth/login', { username: 'newbie', password: 'correct horse battery' });
    expect(login.status).toBe(200);
    const setCookies = login.headers.getSetCookie().join('\n');
    expect(setCookies).toMatch(/liionsden_session=[^;]+;.*HttpOnly/);
    expect(setCookies).toMatch(/SameSite=Lax/);
    expect(setCookies).not.toMatch(/Secure/);
    const { csrf_token } = (await login.json()) as Json;
    expect(b.jar.get('liionsden_csrf')).toBe(csrf_token);

    const me = (await (await b.send('GET', '/api/v1/auth/me')).json()) as Json;
    expect(me).toMatchObject({ user: { username: 'newbie', role: 'contributor' }, csrf_token });

    const noCsrf = await b.send('POST', '/api/v1/organisations', { name: 'No CSRF Org' });
    expect(noCsrf.status).toBe(403);
    const wrongCsrf = await b.send('POST', '/api/v1/organisations', { name: 'No CSRF Org' }, { 'x-csrf-token': 'nope' });
    expect(wrongCsrf.status).toBe(403);
    const withCsrf = await b.send('POST', '/api/v1/organisations', { name: 'CSRF Org' }, { 'x-csrf-token': csrf_token });
    expect(withCsrf.status).toBe(201);

    expect((await b.send('POST', '/api/v1/auth/logout', undefined, { 'x-csrf-token': csrf_token })).status).toBe(204);
    expect(b.jar.has('liionsden_session')).toBe(false);
    expect((await b.send('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('refuses a wrong password and rate-limits repeated failures', async () => {
    await register('guesser');
    const u = (await (await t.call('GET', '/api/v1/users?is_active=false', manager)).json()) as Json[];
    await t.call('POST', `/api/v1/users/${u.find((x) => x.username === 'guesser')!.id}/approve`, manager, {});
    const b = browser(t);
    for (let i = 0; i < 5; i++) {
      const res = await b.send('POST', '/api/v1/auth/login', { username: 'guesser', password: `wrong-${i}` });
      expect(res.status).toBe(401);
      expect(((await res.json()) as Json).error.code).toBe('UNAUTHENTICATED');
    }
    const locked = await b.send('POST', '/api/v1/auth/login', { username: 'guesser', password: 'correct horse battery' });
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as Json).error.code).toBe('RATE_LIMITED');
  });

  it('creates, uses, lists and revokes API tokens; bearer writes need no CSRF token', async () => {
    const owner = await t.signIn(await t.createUser('contributor'));
    const created = await t.call('POST', '/api/v1/auth/tokens', owner, { name: 'laptop' });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as Json;
    expect(token).toMatch(/^ld_/);
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await t.app.request('/api/v1/auth/me', { headers: bearer })).status).toBe(200);
    expect((await t.app.request('/api/v1/organisations', { method: 'POST', headers: bearer, body: JSON.stringify({ name: 'Bearer Org' }) })).status).toBe(201);

    const listed = (await (await t.call('GET', '/api/v1/auth/tokens', owner)).json()) as Json[];
    expect(listed.map((x) => x.name)).toContain('laptop');
    expect(JSON.stringify(listed)).not.toContain(token);

    const stranger = await t.signIn(await t.createUser('contributor'));
    expect((await t.call('DELETE', `/api/v1/auth/tokens/${id}`, stranger)).status).toBe(404);
    expect((await t.call('DELETE', `/api/v1/auth/tokens/${id}`, owner)).status).toBe(204);
    const revoked = await t.app.request('/api/v1/auth/me', { headers: bearer });
    expect(revoked.status).toBe(401);
    expect((await t.app.request('/api/v1/auth/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });

  it('changes the password after checking the current one', async () => {
    const u = await t.signIn(await t.createUser('contributor'));
    expect((await t.call('POST', '/api/v1/auth/password', u, { current_password: 'nope-nope', new_password: 'a new long secret' })).status).toBe(400);
    expect((await t.call('POST', '/api/v1/auth/password', u, { current_password: u.password, new_password: 'short' })).status).toBe(400);
    expect((await t.call('POST', '/api/v1/auth/password', u, { current_password: u.password, new_password: 'a new long secret' })).status).toBe(204);
    const b = browser(t);
    expect((await b.send('POST', '/api/v1/auth/login', { username: u.username, password: u.password })).status).toBe(401);
    expect((await b.send('POST', '/api/v1/auth/login', { username: u.username, password: 'a new long secret' })).status).toBe(200);
  });

  it('lets only user managers manage accounts, and only administrators grant administrator', async () => {
    const target = await t.createUser('read_only');
    const contributor = await t.createUser('contributor');
    const admin = await t.createUser('administrator');
    expect((await t.call('GET', '/api/v1/users', contributor)).status).toBe(403);
    expect((await t.call('GET', '/api/v1/users', null)).status).toBe(401);
    expect((await t.call('PATCH', `/api/v1/users/${target.id}`, contributor, { role: 'maintainer' })).status).toBe(403);
    expect((await t.call('PATCH', `/api/v1/users/${target.id}`, manager, { role: 'administrator' })).status).toBe(403);
    expect((await t.call('PATCH', `/api/v1/users/${admin.id}`, manager, { is_active: false })).status).toBe(403);
    expect((await t.call('PATCH', `/api/v1/users/${manager.id}`, manager, { role: 'administrator' })).status).toBe(403);
    expect((await t.call('PATCH', `/api/v1/users/${target.id}`, admin, { role: 'maintainer' })).status).toBe(200);
    // Deactivation takes effect at once, for tokens too.
    expect((await t.call('PATCH', `/api/v1/users/${target.id}`, manager, { is_active: false })).status).toBe(200);
    expect((await t.call('GET', '/api/v1/auth/me', target)).status).toBe(401);
  });

  it('registration validates its input and refuses duplicates', async () => {
    await register('dupe');
    const again = await t.call('POST', '/api/v1/auth/register', null, { username: 'dupe', email: 'other@lab.example', password: 'long enough pw', institution_id: institutionId });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).error.issues[0].field).toBe('username');
    const badOrg = await t.call('POST', '/api/v1/auth/register', null, { username: 'x_y_z', email: 'xyz@lab.example', password: 'long enough pw', institution_id: 99999 });
    expect(badOrg.status).toBe(400);
    const badEmail = await t.call('POST', '/api/v1/auth/register', null, { username: 'x_y_z', email: 'not-an-email', password: 'long enough pw', institution_id: institutionId });
    expect(((await badEmail.json()) as Json).error.issues[0].field).toBe('email');
  });
});

describe('cookies behind TLS', () => {
  it('are Secure when config.secureCookies', async () => {
    const t = await createTestApp({ config: { secureCookies: true } });
    try {
      const u = await t.createUser('contributor');
      const res = await t.call('POST', '/api/v1/auth/login', null, { username: u.username, password: u.password });
      expect(res.status).toBe(200);
      for (const line of res.headers.getSetCookie()) expect(line).toMatch(/; Secure/);
    } finally {
      await t.close();
    }
  });

  it('are Secure when a trusted proxy says the request came over TLS (X-Forwarded-Proto), and only then', async () => {
    const t = await createTestApp({ config: { trustProxyHops: 1 } });
    try {
      const u = await t.createUser('contributor');
      const login = (headers: Record<string, string>) =>
        t.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username: u.username, password: u.password }) });
      const tls = await login({ 'x-forwarded-proto': 'https' });
      expect(tls.status).toBe(200);
      for (const line of tls.headers.getSetCookie()) expect(line).toMatch(/; Secure/);
      const plain = await login({ 'x-forwarded-proto': 'http' });
      expect(plain.status).toBe(200);
      for (const line of plain.headers.getSetCookie()) expect(line).not.toMatch(/; Secure/);
    } finally {
      await t.close();
    }
  });
});
