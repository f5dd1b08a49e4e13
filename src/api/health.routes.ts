import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { currentMigration } from '../db/migrate.js';
import type { AppDeps } from './app-deps.js';

const HealthSchema = z.object({
  status: z.literal('ok'),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), migration: z.string().nullable() }),
  version: z.string(),
});

const route = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['system'],
  summary: 'Liveness, database kind and migration version',
  responses: { 200: { description: 'Healthy', content: { 'application/json': { schema: HealthSchema } } } },
});

export function registerHealthRoutes(app: OpenAPIHono, deps: AppDeps): void {
  app.openapi(route, async (c) => {
    const migration = await currentMigration(deps.db);
    return c.json({ status: 'ok' as const, database: { kind: deps.dbKind, migration }, version: '0.1.0' }, 200);
  });
}
