import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';

/** web/dist, the same from src/api (tests) and dist/api (built server). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

const NOT_BUILT = '<!doctype html><title>Liionsden</title><p>The web app is not built yet: run <code>npm run build</code>.</p>';

/**
 * Serves the built SPA: files from web/dist, and index.html for any other non-API GET so that
 * client-side routes survive a reload. Registered after the API so /api/* misses stay JSON 404s.
 */
export function registerStaticRoutes(app: OpenAPIHono, distDir: string = WEB_DIST): void {
  const indexPath = `${distDir}/index.html`;
  const built = existsSync(indexPath);
  const files = built ? serveStatic({ root: distDir }) : undefined;
  app.get('*', async (c, next) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
    if (!built || !files) return c.html(NOT_BUILT, 503);
    const response = await files(c, async () => {});
    if (response) {
      // Hashed asset names change with their content, so they may be cached for good.
      if (c.req.path.startsWith('/assets/')) response.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
      return response;
    }
    // Read per request: a rebuild while the server runs is picked up (the file is small).
    return c.html(readFileSync(indexPath, 'utf8'), 200, { 'Cache-Control': 'no-cache' });
  });
}
