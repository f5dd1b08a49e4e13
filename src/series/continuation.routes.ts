import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../api/app-deps.js';
import { errorResponses } from '../api/error-responses.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import { findContinuationCandidates } from './continuation-candidates.js';
import { IdParams } from './query-params.js';
import type { SeriesEngine } from './series-engine.js';

const CandidateSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    gapS: z.number().nullable().openapi({ description: 'Wall-clock pause from its last row to this file’s first, s (null: a file lacks Unix time)' }),
    matchesRule: z.boolean().openapi({ description: 'Same devices and equipment, and it ended before this file began' }),
  })
  .openapi('ContinuationCandidate');

const route = createRoute({
  method: 'get',
  path: '/api/v1/data-files/{id}/continuation-candidates',
  tags: ['data'],
  summary: 'Files of the same experiment this one may continue (set continues_id), those the rule picks first, shortest pause first',
  request: { params: IdParams },
  responses: { 200: { description: 'Candidates, best first', content: { 'application/json': { schema: z.object({ items: z.array(CandidateSchema) }) } } }, ...errorResponses },
});

export function registerContinuationRoutes(app: OpenAPIHono, deps: AppDeps, engine: SeriesEngine): void {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const items = await findContinuationCandidates(deps.db, viewerOf(c, deps.config.anonymousRead), engine, id);
    return c.json({ items }, 200);
  });
}
