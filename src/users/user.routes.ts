import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../api/app-deps.js';
import { jsonBodyLimit } from '../api/body-limit.js';
import { errorResponses } from '../api/error-responses.js';
import { RoleSchema, UserSchema } from '../auth/auth.schemas.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import { listUsers, updateUserAccess } from './user.service.js';

const tags = ['users'];
const IdParams = z.object({ id: z.string().regex(/^\d{1,9}$/, 'expected a user id').transform(Number).openapi({ type: 'integer' }) });
const ok = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

/** Account management for user managers and administrators: list, approve, set role, (de)activate. */
export function registerUserRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const viewer = (c: Parameters<typeof viewerOf>[0]) => viewerOf(c, deps.config.anonymousRead);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/users',
      tags,
      summary: 'Accounts (user managers); ?is_active=false is the approval queue',
      request: { query: z.object({ is_active: z.enum(['true', 'false']).optional() }).strict() },
      responses: { 200: ok(z.array(UserSchema), 'Users'), ...errorResponses },
    }),
    async (c) => {
      const { is_active } = c.req.valid('query');
      return c.json(await listUsers(deps.db, viewer(c), { active: is_active === undefined ? undefined : is_active === 'true' }), 200) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/users/{id}/approve',
      tags,
      summary: 'Activate a registered account with a role (default contributor)',
      middleware: [jsonBodyLimit],
      request: { params: IdParams, body: { content: { 'application/json': { schema: z.object({ role: RoleSchema.optional() }).strict() } }, required: false } },
      responses: { 200: ok(UserSchema, 'Approved'), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {};
      const user = await updateUserAccess(deps.db, viewer(c), c.req.valid('param').id, { is_active: true, role: body.role ?? 'contributor' });
      return c.json(user, 200) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/users/{id}',
      tags,
      summary: "Change an account's role or active flag",
      middleware: [jsonBodyLimit],
      request: { params: IdParams, ...jsonBody(z.object({ role: RoleSchema.optional(), is_active: z.boolean().optional() }).strict()) },
      responses: { 200: ok(UserSchema, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateUserAccess(deps.db, viewer(c), c.req.valid('param').id, c.req.valid('json')), 200) as never,
  );
}
