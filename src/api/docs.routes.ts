import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';

const require = createRequire(import.meta.url);
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const SWAGGER_VERSION = (require('swagger-ui-dist/package.json') as { version: string }).version;
/** The Swagger UI files the docs page loads, with their content types. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};
/** Where the page finds them: @hono/swagger-ui appends `/swagger-ui-dist@<version>/<file>` to its base URL. */
const BASE_URL = '/api/docs';
/**
 * The page's start-up script, served as a file (not inline) so the Content-Security-Policy can refuse
 * every inline script. 'none': no validator badge, which would fetch validator.swagger.io.
 */
const INIT_PATH = `${BASE_URL}/init.js`;
const INIT_SCRIPT = `window.onload = () => {
  window.ui = SwaggerUIBundle({ dom_id: '#swagger-ui', url: '/api/openapi.json', validatorUrl: 'none' });
};
`;

const assets = new Map<string, Uint8Array<ArrayBuffer>>();
/** An asset's bytes, read on first request (2 MB that most processes never serve). */
function readAsset(file: string): Uint8Array<ArrayBuffer> {
  let body = assets.get(file);
  if (!body) assets.set(file, (body = new Uint8Array(readFileSync(join(SWAGGER_DIR, file)))));
  return body;
}

/**
 * /api/docs: Swagger UI over /api/openapi.json, its script and style served from the pinned
 * swagger-ui-dist package (not a CDN), so the page works offline and always matches the lockfile.
 */
export function registerDocsRoutes(app: OpenAPIHono): void {
  app.get('/api/docs', swaggerUI({
    url: '/api/openapi.json',
    baseUrl: BASE_URL,
    version: SWAGGER_VERSION,
    title: 'Liionsden API',
    manuallySwaggerUIHtml: (asset) => [
      '<div id="swagger-ui"></div>',
      ...asset.css.map((url) => `<link rel="stylesheet" href="${url}" />`),
      ...[...asset.js, INIT_PATH].map((url) => `<script src="${url}"></script>`),
    ].join('\n'),
  }));
  app.get(INIT_PATH, (c) => c.body(INIT_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  for (const [file, type] of Object.entries(ASSETS)) {
    app.get(`${BASE_URL}/swagger-ui-dist@${SWAGGER_VERSION}/${file}`, (c) =>
      // The version is in the path, so the file may be cached for good.
      c.body(readAsset(file), 200, { 'content-type': type, 'cache-control': 'public, max-age=31536000, immutable' }));
  }
}
