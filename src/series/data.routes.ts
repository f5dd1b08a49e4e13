import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../api/app-deps.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { registerCompareRoutes } from './compare.routes.js';
import { registerContinuationRoutes } from './continuation.routes.js';
import { registerCurveRoutes } from './curves.routes.js';
import { registerCycleRoutes } from './cycles.routes.js';
import { registerExportRoutes } from './export.routes.js';
import { createSeriesEngine } from './series-engine.js';
import { registerSeriesRoute } from './series.routes.js';

/** The data API over stored series: series, cycles, steps, curves, comparisons, exports, raw files. */
export function registerDataRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const engine = createSeriesEngine({ blobStore: openBlobStore(deps.config), dataDir: deps.config.dataDir });
  registerSeriesRoute(app, deps, engine);
  registerCycleRoutes(app, deps, engine);
  registerCurveRoutes(app, deps, engine);
  registerCompareRoutes(app, deps, engine);
  registerExportRoutes(app, deps, engine);
  registerContinuationRoutes(app, deps, engine);
}
