import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../api/app-deps.js';
import { errorResponses } from '../api/error-responses.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import { CAPACITY_UNITS, capacityScale } from './capacity-normalisation.js';
import { findReadySeriesKey } from './data-file-access.js';
import { IdParams } from './query-params.js';
import type { SeriesEngine } from './series-engine.js';
import { readCycleSummaries, readStepSummaries } from './stored-summaries.js';

const UnitQuery = z.object({
  unit: z.enum(CAPACITY_UNITS).default('Ah').openapi({ description: 'Capacity unit: Ah, mAh, or per gram / cm² from the device specification (mass, area)' }),
});

const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });

const cyclesRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-files/{id}/cycles',
  tags: ['data'],
  summary: 'Per-cycle summary: capacities, energies, efficiencies, voltage and temperature statistics',
  request: { params: IdParams, query: UnitQuery },
  responses: { 200: json('`cycles` in cycle order; `capacityUnit` with `chargeCapacity`/`dischargeCapacity` in it'), ...errorResponses },
});

const stepsRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-files/{id}/steps',
  tags: ['data'],
  summary: 'Step table: one row per step segment with type, times, capacities and voltages',
  request: { params: IdParams },
  responses: { 200: json('`steps` in order'), ...errorResponses },
});

export function registerCycleRoutes(app: OpenAPIHono, deps: AppDeps, engine: SeriesEngine): void {
  app.openapi(cyclesRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { unit } = c.req.valid('query');
    const viewer = viewerOf(c, deps.config.anonymousRead);
    const { seriesKey } = await findReadySeriesKey(deps.db, viewer, id);
    const scale = await capacityScale(deps.db, viewer, id, unit);
    const { source, cycles } = await readCycleSummaries(deps.db, engine, { id, seriesKey });
    const shown = cycles.map((s) => ({ ...s, chargeCapacity: s.chargeCapacityAh * scale.factor, dischargeCapacity: s.dischargeCapacityAh * scale.factor }));
    return c.json({ dataFileId: id, source, capacityUnit: unit, normalisedBy: scale.basis, cycles: shown }, 200);
  });

  app.openapi(stepsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { seriesKey } = await findReadySeriesKey(deps.db, viewerOf(c, deps.config.anonymousRead), id);
    const { source, steps } = await readStepSummaries(deps.db, engine, { id, seriesKey });
    return c.json({ dataFileId: id, source, steps }, 200);
  });
}
