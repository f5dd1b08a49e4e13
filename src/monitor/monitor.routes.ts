import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../api/app-deps.js';
import { jsonBodyLimit } from '../api/body-limit.js';
import { errorResponses } from '../api/error-responses.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import { listChannels } from './channel-monitor.service.js';
import { listHarvesters, recordHeartbeat } from './harvester.repository.js';
import { ChannelSchema, HarvesterSchema, HeartbeatSchema } from './monitor.schemas.js';

const tags = ['monitor'];
const json = <T extends z.ZodTypeAny>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });

/** The channel monitor: harvester heartbeats, the harvesters, and the state of every harvested data file. */
export function registerMonitorRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const now = () => deps.now?.() ?? new Date();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/harvesters/heartbeat',
      tags,
      summary: 'A harvester reports that it runs (after every scan, at least every minute while idle); recorded under its name for the token’s user',
      middleware: [jsonBodyLimit],
      request: { body: { content: { 'application/json': { schema: HeartbeatSchema } }, required: true } },
      responses: { 200: json('Recorded', HarvesterSchema), ...errorResponses },
    }),
    async (c) => c.json(await recordHeartbeat(deps.db, viewerOf(c, deps.config.anonymousRead), c.req.valid('json'), now()), 200) as never,
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/harvesters',
      tags,
      summary: 'Harvesters the caller may see (own ones, those feeding a visible data file; all for maintainers), with online = seen within 3 heartbeat intervals',
      responses: { 200: json('Harvesters', z.object({ items: z.array(HarvesterSchema) })), ...errorResponses },
    }),
    async (c) => c.json({ items: await listHarvesters(deps.db, viewerOf(c, deps.config.anonymousRead), now()) }, 200) as never,
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/monitor/channels',
      tags,
      summary: 'Every harvested data file the caller may see, with its rows, rate, last row time and state (running, stalled, finished, failed; docs/harvesting.md)',
      responses: { 200: json('Channels, newest data file first', z.object({ items: z.array(ChannelSchema) })), ...errorResponses },
    }),
    async (c) => c.json({ items: await listChannels(deps.db, viewerOf(c, deps.config.anonymousRead), deps.config.monitor, now()) }, 200) as never,
  );
}
