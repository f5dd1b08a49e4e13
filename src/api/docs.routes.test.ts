import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/setup/test-database.js';
import { loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createApp } from './app.js';
import { createTestLogger } from '../../tests/setup/test-logger.js';

describe('GET /api/docs', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it('serves Swagger UI from this server only: no external host, every asset 200 with its type', async () => {
    const app = createApp({ config: loadConfig({}), db: handle.db, dbKind: handle.kind, logger: createTestLogger() });
    const res = await app.request('/api/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    // No inline script (the Content-Security-Policy refuses them): the start-up script is a file too.
    expect(html).not.toMatch(/<script>/);
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.pop()).toBe('/api/docs/init.js');
    const init = await app.request('/api/docs/init.js');
    expect(init.headers.get('content-type')).toMatch(/^text\/javascript\b/);
    expect(await init.text()).toContain("url: '/api/openapi.json'");
    const expected: Record<string, RegExp> = { '.css': /^text\/css\b/, '.js': /^text\/javascript\b/ };
    expect(urls.map((u) => u.slice(u.lastIndexOf('.')))).toEqual(['.css', '.js']);
    for (const url of urls) {
      expect(url).toMatch(/^\/api\/docs\/swagger-ui-dist@\d+\.\d+\.\d+\//);
      const asset = await app.request(url);
      expect(asset.status, url).toBe(200);
      expect(asset.headers.get('content-type'), url).toMatch(expected[url.slice(url.lastIndexOf('.'))]);
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(100_000);
    }
  });

  it('answers an asset it does not serve with the JSON 404', async () => {
    const app = createApp({ config: loadConfig({}), db: handle.db, dbKind: handle.kind, logger: createTestLogger() });
    const html = await (await app.request('/api/docs')).text();
    const base = /href="([^"]+)\/swagger-ui\.css"/.exec(html)?.[1];
    expect(base).toBeDefined();
    const res = await app.request(`${base}/index.html`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
