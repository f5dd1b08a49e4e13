import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { openBlobStore } from '../storage/open-blob-store.js';
import type { AppDeps } from './app-deps.js';

/** How long each part may take to answer before it counts as down. */
const CHECK_TIMEOUT_MS = 3_000;

const PartSchema = z.object({
  status: z.enum(['up', 'down']),
  reason: z.string().optional().openapi({ description: 'Why the part is down: an error code or `timeout` (details go to the log)' }),
});
const ReadySchema = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    database: PartSchema,
    storage: PartSchema,
    draining: z.boolean().optional().openapi({ description: 'True while the process shuts down (SIGTERM): it finishes what it has and takes nothing new' }),
  })
  .openapi('Readiness');
const json = { 'application/json': { schema: ReadySchema } };

const route = createRoute({
  method: 'get',
  path: '/api/ready',
  tags: ['system'],
  summary: 'Readiness: the database and the blob store answer and the process is not shutting down (for load balancers; /api/health is liveness)',
  responses: { 200: { description: 'Ready', content: json }, 503: { description: 'A part is down; it is named', content: json } },
});

type Part = z.infer<typeof PartSchema>;

export function registerReadinessRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const store = openBlobStore(deps.config);
  app.openapi(route, async (c) => {
    const [database, storage] = await Promise.all([
      check(deps, 'database', () => sql`select 1`.execute(deps.db)),
      check(deps, 'storage', () => store.probe()),
    ]);
    const draining = deps.lifecycle?.draining === true;
    const ready = database.status === 'up' && storage.status === 'up' && !draining;
    return c.json({ status: ready ? ('ready' as const) : ('not_ready' as const), database, storage, ...(draining ? { draining } : {}) }, ready ? 200 : 503);
  });
}

async function check(deps: AppDeps, part: string, op: () => Promise<unknown>): Promise<Part> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), CHECK_TIMEOUT_MS)));
  try {
    const outcome = await Promise.race([op().then(() => 'up' as const), timeout]);
    if (outcome === 'up') return { status: 'up' };
    deps.logger.warn({ part }, `readiness: ${part} did not answer within ${CHECK_TIMEOUT_MS} ms`);
    return { status: 'down', reason: 'timeout' };
  } catch (err) {
    deps.logger.warn({ part, err }, `readiness: ${part} is down`);
    const code = (err as { code?: unknown } | null)?.code;
    return { status: 'down', reason: typeof code === 'string' ? code : 'error' };
  } finally {
    clearTimeout(timer);
  }
}
