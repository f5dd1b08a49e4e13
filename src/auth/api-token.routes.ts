import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../api/app-deps.js';
import { jsonBodyLimit } from '../api/body-limit.js';
import { errorResponses } from '../api/error-responses.js';
import { createApiToken, listApiTokens, revokeAllApiTokens, revokeApiToken } from './api-token.repository.js';
import { NewTokenSchema, TokenCreateSchema, TokenSchema, TokensRevokedSchema } from './auth.schemas.js';
import { requireSessionUserId, requireUserId } from './auth.routes.js';

const tags = ['auth'];
const IdParams = z.object({ id: z.string().regex(/^\d{1,9}$/, 'expected a token id').transform(Number).openapi({ type: 'integer' }) });

/** API tokens, managed by their owner only and only when signed in with a password: create (shown once), list, revoke. */
export function registerApiTokenRoutes(app: OpenAPIHono, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/tokens',
      tags,
      summary: 'Create an API token (send it as "Authorization: Bearer <token>"; it is shown only now; not with an API token)',
      middleware: [jsonBodyLimit],
      request: { body: { content: { 'application/json': { schema: TokenCreateSchema } }, required: true } },
      responses: { 201: { description: 'Created', content: { 'application/json': { schema: NewTokenSchema } } }, ...errorResponses },
    }),
    async (c) => c.json(await createApiToken(deps.db, requireSessionUserId(c), c.req.valid('json').name), 201) as never,
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/v1/auth/tokens', tags, summary: 'My API tokens (without the secret)', responses: { 200: { description: 'Tokens', content: { 'application/json': { schema: z.array(TokenSchema) } } }, ...errorResponses } }),
    async (c) => c.json(await listApiTokens(deps.db, requireUserId(c)), 200) as never,
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/api/v1/auth/tokens/{id}', tags, summary: 'Revoke one of my API tokens (not with an API token)', request: { params: IdParams }, responses: { 204: { description: 'Revoked' }, ...errorResponses } }),
    async (c) => {
      await revokeApiToken(deps.db, requireSessionUserId(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/api/v1/auth/tokens', tags, summary: 'Revoke all my API tokens at once (not with an API token)', responses: { 200: { description: 'Revoked', content: { 'application/json': { schema: TokensRevokedSchema } } }, ...errorResponses } }),
    async (c) => c.json({ revoked: await revokeAllApiTokens(deps.db, requireSessionUserId(c)) }, 200) as never,
  );
}
