import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, describe, expect, it } from 'vitest';
import { registerStaticRoutes } from './static.routes.js';

const dist = mkdtempSync(join(tmpdir(), 'liionsden-static-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function makeApp(dir: string) {
  const app = new OpenAPIHono();
  app.get('/api/health', (c) => c.json({ ok: true }));
  registerStaticRoutes(app, dir);
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'none' } }, 404));
  return app;
}

describe('static SPA routes', () => {
  const app = makeApp(dist);

  it('serves index.html for client-side routes (history fallback)', async () => {
    const res = await app.request('/experiments/12');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('id="root"');
  });

  it('serves built assets with a long cache lifetime', async () => {
    const res = await app.request('/assets/app-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('leaves /api to the API: unknown API paths stay JSON 404s', async () => {
    expect((await app.request('/api/health')).status).toBe(200);
    const res = await app.request('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'none' } });
  });

  it('says how to build the app when web/dist is missing', async () => {
    const res = await makeApp(join(dist, 'missing')).request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });
});
