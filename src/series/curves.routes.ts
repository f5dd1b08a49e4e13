import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../api/app-deps.js';
import { errorResponses } from '../api/error-responses.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import { CAPACITY_UNITS, capacityScale } from './capacity-normalisation.js';
import { differentialCurves, voltageCapacityCurves } from './cycle-curves.js';
import { IdParams, integerListParam } from './query-params.js';
import type { SeriesEngine } from './series-engine.js';
import { JoinedParam, openDataSeries } from './series-source.js';

const cyclesParam = integerListParam('cycles', '1,10,100').refine((l) => l.length <= 100, 'at most 100 cycles per request');
const unitParam = z.enum(CAPACITY_UNITS).default('Ah');
const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });

const vqRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-files/{id}/voltage-capacity',
  tags: ['data'],
  summary: 'Voltage vs capacity of chosen cycles, charge and discharge, M4-reduced to maxPoints per curve',
  request: { params: IdParams, query: z.object({ cycles: cyclesParam, maxPoints: z.coerce.number().int().min(4).max(100_000).default(1000), unit: unitParam, joined: JoinedParam }) },
  responses: { 200: json('`curves`: per cycle `charge` and `discharge` as {capacity[], voltageV[]}'), ...errorResponses },
});

const dqdvRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-files/{id}/dqdv',
  tags: ['data'],
  summary: 'dQ/dV and dV/dQ of chosen cycles (CV steps excluded): samples binned on an even grid, quadratic Savitzky–Golay smoothing and derivative',
  request: {
    params: IdParams,
    query: z.object({
      cycles: cyclesParam,
      bins: z.coerce.number().int().min(10).max(5000).default(200).openapi({ description: 'Grid points across the voltage (or capacity) range' }),
      smooth: z.coerce.number().int().min(1).max(50).default(5).openapi({ description: 'Savitzky–Golay half window, in bins' }),
      unit: unitParam,
      joined: JoinedParam,
    }),
  },
  responses: { 200: json('`curves`: per cycle `charge` and `discharge` with `dqdv` {voltageV[], dqdv[]} and `dvdq` {capacity[], dvdq[]}'), ...errorResponses },
});

export function registerCurveRoutes(app: OpenAPIHono, deps: AppDeps, engine: SeriesEngine): void {
  app.openapi(vqRoute, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const viewer = viewerOf(c, deps.config.anonymousRead);
    const { handle } = await openDataSeries(deps.db, viewer, engine, id, q.joined);
    const scale = await capacityScale(deps.db, viewer, id, q.unit);
    const curves = await voltageCapacityCurves(engine, handle, q.cycles, q.maxPoints, scale.factor);
    return c.json({ dataFileId: id, capacityUnit: q.unit, normalisedBy: scale.basis, curves }, 200);
  });

  app.openapi(dqdvRoute, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const viewer = viewerOf(c, deps.config.anonymousRead);
    const { handle } = await openDataSeries(deps.db, viewer, engine, id, q.joined);
    const scale = await capacityScale(deps.db, viewer, id, q.unit);
    const curves = await differentialCurves(engine, handle, q.cycles, q.bins, q.smooth, scale.factor);
    return c.json({ dataFileId: id, capacityUnit: q.unit, normalisedBy: scale.basis, method: { bins: q.bins, savitzkyGolayHalfWindow: q.smooth, polynomialOrder: 2 }, curves }, 200);
  });
}
