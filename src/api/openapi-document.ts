import type { OpenAPIHono } from '@hono/zod-openapi';
import { SESSION_COOKIE } from '../auth/cookies.js';

/** The schemes a client may authenticate with; either, or none for what anonymous readers may see. */
const securitySchemes = {
  bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token (`ld_…`) from "My account" or `POST /api/v1/auth/tokens`' },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The web app\'s session (from `POST /api/v1/auth/login`); writes also send its CSRF token in `X-CSRF-Token`',
  },
} as const;

const documentConfig: Parameters<OpenAPIHono['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'Liionsden API',
    version: '1',
    description: 'Lithium-ion battery test data: cycler files parsed to SI-unit series, per-cycle summaries and the metadata around them.',
    license: { name: 'UNLICENSED: all rights reserved until the project chooses a licence (README "Licence")', url: 'https://docs.npmjs.com/cli/configuring-npm/package-json#license' },
  },
  servers: [{ url: '/', description: 'This server' }],
  // Anonymous requests are allowed (public records, when the server lets anonymous readers in): `{}`.
  security: [{ bearerToken: [] }, { sessionCookie: [] }, {}],
};

type Document = ReturnType<OpenAPIHono['getOpenAPI31Document']>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Serves /api/openapi.json: the routes' document with the security schemes, servers and licence
 * declared, and a stable operationId and 401 answer on every operation (ADR 0014).
 */
export function registerOpenApiDocument(app: OpenAPIHono): void {
  for (const [name, scheme] of Object.entries(securitySchemes)) app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  app.openAPIRegistry.registerComponent('responses', 'Unauthenticated', {
    description: 'Invalid, revoked or malformed credentials (a bad bearer token is refused on every route)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  let served: unknown;
  app.get('/api/openapi.json', (c) => c.json((served ??= completeDocument(app.getOpenAPI31Document(documentConfig)))));
}

function completeDocument(doc: Document): Document {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.operationId ??= operationIdOf(method, path);
      operation.responses ??= {};
      operation.responses['401'] ??= { $ref: '#/components/responses/Unauthenticated' };
    }
  }
  return doc;
}

/** `get /api/v1/experiments/{id}/data-files` → `getExperimentsByIdDataFiles`: unique because method + path are. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api(\/v\d+)?\//, '')
    .split('/')
    .flatMap((segment) => (segment.startsWith('{') ? ['by', segment.slice(1, -1)] : [segment]))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
