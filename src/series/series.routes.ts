import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../api/app-deps.js';
import { errorResponses } from '../api/error-responses.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import { CanonicalColumn } from '../domain/canonical-columns.js';
import { IdParams, integerListParam } from './query-params.js';
import { encodeSeriesArrow, encodeSeriesJson } from './series-encoding.js';
import type { SeriesEngine } from './series-engine.js';
import { querySeries } from './series-query.js';
import { JoinedParam, openDataSeries } from './series-source.js';

const SeriesQuerySchema = z.object({
  columns: z
    .string()
    .default(`${CanonicalColumn.Voltage},${CanonicalColumn.Current}`)
    .transform((s) => s.split(',').map((c) => c.trim()).filter((c) => c.length > 0))
    .openapi({ description: 'Comma-separated column names (BDF names as stored)', example: 'Voltage / V,Current / A' }),
  from: z.coerce.number().optional().openapi({ description: 'Window start, test time in s' }),
  to: z.coerce.number().optional().openapi({ description: 'Window end, test time in s' }),
  maxPoints: z.coerce.number().int().min(4).max(1_000_000).default(4000),
  cycles: integerListParam('cycles', '1,5,10-20').optional(),
  format: z.enum(['json', 'arrow']).default('json'),
  joined: JoinedParam,
});

export const SeriesJsonSchema = z
  .object({
    columns: z.record(z.string(), z.array(z.number().nullable())),
    rows: z.number().int(),
    downsampled: z.boolean(),
    from: z.number(),
    to: z.number(),
  })
  .openapi('Series');

const route = createRoute({
  method: 'get',
  path: '/api/v1/data-files/{id}/series',
  tags: ['data'],
  summary: 'Columns vs test time over a window, M4-downsampled to at most maxPoints rows (all rows when the window is small)',
  request: { params: IdParams, query: SeriesQuerySchema },
  responses: {
    200: {
      description: '`Test Time / s` then the asked columns, equal lengths; missing values null (JSON) or NaN (Arrow)',
      content: { 'application/json': { schema: SeriesJsonSchema }, 'application/vnd.apache.arrow.stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses,
  },
});

export function registerSeriesRoute(app: OpenAPIHono, deps: AppDeps, engine: SeriesEngine): void {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const { handle } = await openDataSeries(deps.db, viewerOf(c, deps.config.anonymousRead), engine, id, q.joined);
    const result = await querySeries(engine, handle, { columns: q.columns, fromS: q.from, toS: q.to, maxPoints: q.maxPoints, cycles: q.cycles });
    if (q.format === 'arrow') {
      return c.body(encodeSeriesArrow(result), 200, { 'content-type': 'application/vnd.apache.arrow.stream' }) as never;
    }
    return c.body(encodeSeriesJson(result), 200, { 'content-type': 'application/json' }) as never;
  });
}
