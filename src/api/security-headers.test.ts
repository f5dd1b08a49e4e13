import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/setup/test-app.js';

// The headers every response carries (web app, API, errors, docs), on PGlite and PostgreSQL alike.
describe('security headers', () => {
  let t: TestApp;
  let behindProxy: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    behindProxy = await createTestApp({ config: { trustProxyHops: 1 } });
  });
  afterAll(async () => {
    await t?.close();
    await behindProxy?.close();
  });

  const csp = (res: Response) => Object.fromEntries((res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

  it.each(['/', '/experiments/1', '/api/v1/experiments', '/api/health', '/api/docs', '/api/v1/no-such-route'])('%s: CSP (scripts from this origin only, no framing), nosniff, Referrer-Policy', async (path) => {
    const res = await t.app.request(path);
    const policy = csp(res);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'self'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('the web app page loads no inline script (the policy would refuse it)', async () => {
    const res = await t.app.request('/');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toMatch(/\bsrc="\/[^/]/);
  });

  it('sends HSTS only on requests that came over TLS', async () => {
    expect((await t.app.request('/api/health')).headers.get('strict-transport-security')).toBeNull();
    expect((await t.app.request('https://lab.example/api/health')).headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
    // X-Forwarded-Proto counts only from a trusted proxy.
    expect((await t.app.request('/api/health', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBeNull();
    expect((await behindProxy.app.request('/api/health', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
    expect((await behindProxy.app.request('/api/health', { headers: { 'x-forwarded-proto': 'http' } })).headers.get('strict-transport-security')).toBeNull();
  });
});
