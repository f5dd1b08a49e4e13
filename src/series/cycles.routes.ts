import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../api/app-deps.js';
import { errorResponses } from '../api/error-responses.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import { CAPACITY_UNITS, capacityScale } from './capacity-normalisation.js';
import { exportFileName } from './export-source.js';
import { contentDisposition } from './export.routes.js';
import { cyclesCsv, stepsCsv } from './summary-csv.js';
import { IdParams } from './query-params.js';
import type { SeriesEngine } from './series-engine.js';
import { readJoinedCycles, readJoinedSteps } from './joined-summaries.js';
import { JoinedParam, openDataSeries } from './series-source.js';

const FormatQuery = z.enum(['json', 'csv']).default('json').openapi({ description: 'json, or csv: a download for a spreadsheet (units in the headers, efficiencies in %)' });

const UnitQuery = z.object({
  unit: z.enum(CAPACITY_UNITS).default('Ah').openapi({ description: 'Capacity unit: Ah, mAh, or per gram / cm² from the device specification (mass, area)' }),
  format: FormatQuery,
  joined: JoinedParam,
});

const jsonOrCsv = (description: string) => ({
  description,
  content: { 'application/json': { schema: z.object({}).passthrough() }, 'text/csv': { schema: z.string() } },
});

/** `name-what.csv` beside the data file's original name. */
const summaryFileName = (originalName: string, what: string) => exportFileName(originalName, 'csv').replace(/\.csv$/, `-${what}.csv`);

const csvResponse = (text: string, fileName: string) =>
  new Response(text, { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': contentDisposition(fileName) } });

const cyclesRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-files/{id}/cycles',
  tags: ['data'],
  summary: 'Per-cycle summary: capacities, energies, efficiencies, voltage and temperature statistics',
  request: { params: IdParams, query: UnitQuery },
  responses: { 200: jsonOrCsv('`cycles` in cycle order; `dataFileIds`: the files read (several when joined); `capacityUnit` with `chargeCapacity`/`dischargeCapacity` in it (CSV: one row per cycle)'), ...errorResponses },
});

const stepsRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-files/{id}/steps',
  tags: ['data'],
  summary: 'Step table: one row per step segment with type, times, capacities and voltages',
  request: { params: IdParams, query: z.object({ format: FormatQuery, joined: JoinedParam }) },
  responses: { 200: jsonOrCsv('`steps` in order (CSV: one row per step, its type by name)'), ...errorResponses },
});

export function registerCycleRoutes(app: OpenAPIHono, deps: AppDeps, engine: SeriesEngine): void {
  app.openapi(cyclesRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { unit, format, joined } = c.req.valid('query');
    const viewer = viewerOf(c, deps.config.anonymousRead);
    const { file, parts } = await openDataSeries(deps.db, viewer, engine, id, joined);
    const scale = await capacityScale(deps.db, viewer, id, unit);
    const { source, cycles } = await readJoinedCycles(deps.db, engine, parts);
    const shown = cycles.map((s) => ({ ...s, chargeCapacity: s.chargeCapacityAh * scale.factor, dischargeCapacity: s.dischargeCapacityAh * scale.factor }));
    if (format === 'csv') return csvResponse(cyclesCsv(shown, unit), summaryFileName(file.originalName, 'cycles')) as never;
    return c.json({ dataFileId: id, dataFileIds: parts.map((p) => p.file.id), source, capacityUnit: unit, normalisedBy: scale.basis, cycles: shown }, 200);
  });

  app.openapi(stepsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { format, joined } = c.req.valid('query');
    const { file, parts } = await openDataSeries(deps.db, viewerOf(c, deps.config.anonymousRead), engine, id, joined);
    const { source, steps } = await readJoinedSteps(deps.db, engine, parts);
    if (format === 'csv') return csvResponse(stepsCsv(steps), summaryFileName(file.originalName, 'steps')) as never;
    return c.json({ dataFileId: id, dataFileIds: parts.map((p) => p.file.id), source, steps }, 200);
  });
}
