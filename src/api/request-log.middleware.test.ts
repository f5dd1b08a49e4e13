import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/setup/test-app.js';
import { createCapturingLogger } from '../../tests/setup/test-logger.js';

describe('request ids and the access log', () => {
  let t: TestApp;
  const { logger, lines } = createCapturingLogger();
  beforeAll(async () => {
    t = await createTestApp({ logger });
  });
  afterAll(async () => t?.close());

  it('keeps an incoming X-Request-Id, echoes it and logs the request under it with the user', async () => {
    const user = await t.createUser('contributor');
    const res = await t.app.request('/api/v1/auth/me?token=secret-value', { headers: { ...user.headers, 'x-request-id': 'req-abc-123' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req-abc-123');
    const line = lines.find((l) => l.requestId === 'req-abc-123');
    expect(line).toMatchObject({ level: 30, msg: 'request', method: 'GET', path: '/api/v1/auth/me', status: 200, userId: user.id });
    expect(typeof line?.durationMs).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('secret-value');
  });

  it('makes a request id when none is sent, and logs anonymous requests without a user', async () => {
    const res = await t.app.request('/api/nope');
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = lines.find((l) => l.requestId === id);
    expect(line).toMatchObject({ path: '/api/nope', status: 404 });
    expect(line).not.toHaveProperty('userId');
  });
});
