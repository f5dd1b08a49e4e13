import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../api/app-deps.js';
import { errorResponses } from '../api/error-responses.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import { assertVisible, visibleTo } from '../access/visibility.js';
import { batchStatistics, fadeFigures, type FadeFigures } from './batch-statistics.js';
import { BatchStatisticsSchema } from './batch-statistics.schemas.js';
import { CAPACITY_UNITS } from './capacity-normalisation.js';
import { loadFileCycles, type FileCycles } from './cycle-sets.js';
import { IdParams, integerListParam } from './query-params.js';
import type { SeriesEngine } from './series-engine.js';

const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });

const compareRoute = createRoute({
  method: 'get',
  path: '/api/v1/compare/cycles',
  tags: ['data'],
  summary: 'Capacity, energy or efficiency vs cycle for many data files in one call',
  request: {
    query: z.object({
      dataFiles: integerListParam('dataFiles', '1,2,3').refine((l) => l.length <= 200, 'at most 200 data files'),
      metric: z.enum(['capacity', 'energy', 'efficiency']).default('capacity'),
      unit: z.enum(CAPACITY_UNITS).default('Ah'),
    }),
  },
  responses: { 200: json('`dataFiles`: per file `cycle[]` and the metric’s charge/discharge (or coulombic/energy) arrays; for capacity also `figures` (cycles, first and last discharge capacity, fade per 100 cycles, mean CE)'), ...errorResponses },
});

const batchRoute = createRoute({
  method: 'get',
  path: '/api/v1/batches/{id}/statistics',
  tags: ['data'],
  summary: 'Mean, spread and fade rate of the devices of a batch, across their data files',
  request: { params: IdParams, query: z.object({ unit: z.enum(CAPACITY_UNITS).default('Ah') }) },
  responses: { 200: { description: '`devices` figures, their `spread`, and `dischargeCapacityByCycle` band', content: { 'application/json': { schema: BatchStatisticsSchema } } }, ...errorResponses },
});



const FIELDS = {
  // coulombicEfficiency for each file's figures (mean CE beside the fade).
  capacity: ['chargeCapacityAh', 'dischargeCapacityAh', 'coulombicEfficiency'],
  energy: ['chargeEnergyWh', 'dischargeEnergyWh'],
  efficiency: ['coulombicEfficiency', 'energyEfficiency'],
} as const;

function metricSeries(f: FileCycles, metric: keyof typeof FIELDS): Record<string, number[] | FadeFigures> {
  const { cycle, chargeCapacityAh, dischargeCapacityAh, chargeEnergyWh, dischargeEnergyWh, coulombicEfficiency, energyEfficiency } = f.columns;
  if (metric === 'capacity') {
    const discharge = dischargeCapacityAh.map((q) => q * f.factor);
    const figures = fadeFigures({ cycles: cycle, dischargeCapacity: discharge, coulombicEfficiency: coulombicEfficiency.map((e) => (Number.isFinite(e) ? e : null)) });
    return { cycle, charge: chargeCapacityAh.map((q) => q * f.factor), discharge, figures };
  }
  if (metric === 'energy') return { cycle, chargeWh: chargeEnergyWh, dischargeWh: dischargeEnergyWh };
  return { cycle, coulombic: coulombicEfficiency, energy: energyEfficiency };
}

export function registerCompareRoutes(app: OpenAPIHono, deps: AppDeps, engine: SeriesEngine): void {
  app.openapi(compareRoute, async (c) => {
    const q = c.req.valid('query');
    const viewer = viewerOf(c, deps.config.anonymousRead);
    const ids = [...new Set(q.dataFiles)];
    const files = await loadFileCycles(deps.db, engine, viewer, ids, q.unit, FIELDS[q.metric]);
    return c.json({ metric: q.metric, capacityUnit: q.unit, dataFiles: files.map((f) => ({ id: f.id, name: f.name, ...metricSeries(f, q.metric) })) }, 200);
  });

  app.openapi(batchRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { unit } = c.req.valid('query');
    const viewer = viewerOf(c, deps.config.anonymousRead);
    await assertVisible(deps.db, viewer, 'batches', id, 'Batch');
    const links = await deps.db
      .selectFrom('devices as d')
      .innerJoin('data_file_devices as dd', 'dd.device_id', 'd.id')
      .innerJoin('data_files as f', 'f.id', 'dd.data_file_id')
      .select(['d.id as deviceId', 'f.id as dataFileId'])
      .where('d.batch_id', '=', id)
      .where('f.state', '=', 'ready')
      .where(visibleTo(viewer, 'devices as d'))
      .where(visibleTo(viewer, 'data_files as f'))
      .orderBy('d.id')
      .orderBy('f.recorded_at')
      .orderBy('f.id')
      .execute();
    const loaded = new Map((await loadFileCycles(deps.db, engine, viewer, [...new Set(links.map((l) => l.dataFileId))], unit, ['dischargeCapacityAh', 'coulombicEfficiency'])).map((f) => [f.id, f]));
    const byDevice = new Map<number, FileCycles[]>();
    for (const link of links) byDevice.set(link.deviceId, [...(byDevice.get(link.deviceId) ?? []), loaded.get(link.dataFileId)!]);
    // A device tested in several files (a resumed test): its cycles continue from file to file.
    const devices = [...byDevice].map(([deviceId, files]) => {
      const cycles: number[] = [];
      const dischargeCapacity: number[] = [];
      const coulombicEfficiency: (number | null)[] = [];
      for (const f of files) {
        const offset = cycles.length;
        f.columns.cycle.forEach((_, i) => {
          cycles.push(offset + i + 1);
          dischargeCapacity.push(f.columns.dischargeCapacityAh[i] * f.factor);
          coulombicEfficiency.push(f.columns.coulombicEfficiency[i]);
        });
      }
      return { deviceId, cycles, dischargeCapacity, coulombicEfficiency };
    });
    return c.json({ batchId: id, capacityUnit: unit, dataFiles: links.length, ...batchStatistics(devices) }, 200);
  });
}
