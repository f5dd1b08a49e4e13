import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { AppError } from '../domain/errors.js';
import { ParseError } from '../parsers/cycler-parser.js';
import type { AppDeps } from './app-deps.js';
import { httpStatusOf } from './error-mapping.js';
import { registerDocsRoutes } from './docs.routes.js';
import { registerOpenApiDocument } from './openapi-document.js';
import { registerHealthRoutes } from './health.routes.js';
import { registerReadinessRoutes } from './readiness.routes.js';
import { registerStaticRoutes } from './static.routes.js';
import { requestLogMiddleware } from './request-log.middleware.js';
import { httpMetricsMiddleware } from './http-metrics.middleware.js';
import { registerMetricsRoutes } from './metrics.routes.js';
import { validationHook } from './validation-hook.js';
import { securityHeadersMiddleware } from './security-headers.middleware.js';
import { viewerMiddleware } from '../auth/viewer.middleware.js';
import { isDatabaseUnavailable, mapDatabaseError } from '../db/database-errors.js';
import { entityRegistry } from '../entities/entity-registry.js';
import { registerEntityRoutes } from '../entities/entity-routes.js';
import { registerAuthRoutes } from '../auth/auth.routes.js';
import { registerApiTokenRoutes } from '../auth/api-token.routes.js';
import { registerUserRoutes } from '../users/user.routes.js';
import { registerDataRoutes } from '../series/data.routes.js';
import { registerAttachmentRoutes } from '../attachments/attachment.routes.js';
import { registerIngestRoutes } from '../ingest/ingest.routes.js';
import { registerPreviewRoutes } from '../preview/preview.routes.js';
import { registerUnassignedFileRoutes } from '../monitored-paths/unassigned-file.routes.js';
import { registerMonitorRoutes } from '../monitor/monitor.routes.js';

/** Builds the whole HTTP app; tests call `app.request(...)` on it in-process. */
export function createApp(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  // An incoming X-Request-Id (a proxy's) is kept, else one is made; either way it is echoed in the response.
  app.use('*', requestId(), requestLogMiddleware(deps.logger), httpMetricsMiddleware(), securityHeadersMiddleware(deps.config));
  app.use('/api/*', viewerMiddleware(deps));
  registerHealthRoutes(app, deps);
  registerReadinessRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerApiTokenRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerDataRoutes(app, deps);
  registerIngestRoutes(app, deps);
  registerPreviewRoutes(app, deps);
  registerAttachmentRoutes(app, deps);
  registerUnassignedFileRoutes(app, deps);
  registerMonitorRoutes(app, deps);
  for (const entity of entityRegistry) registerEntityRoutes(app, deps, entity, entityRegistry);
  registerDocsRoutes(app);
  registerMetricsRoutes(app, deps);
  registerOpenApiDocument(app);
  registerStaticRoutes(app);
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `No route for ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((thrown, c) => {
    const err = mapDatabaseError(thrown);
    if (isDatabaseUnavailable(err)) {
      return c.json({ error: { code: 'DATABASE_UNAVAILABLE', message: 'The database is not reachable; try again shortly' } }, 503);
    }
    if (err instanceof AppError || err instanceof ParseError) {
      const details = err instanceof AppError ? err.details : err.toJSON();
      const retryAfterS = err instanceof AppError ? err.details?.retryAfterS : undefined;
      if (typeof retryAfterS === 'number') c.header('Retry-After', String(retryAfterS));
      return c.json({ error: { code: err.code, message: err.message, ...details } }, httpStatusOf[err.code]);
    }
    if (err instanceof HTTPException) {
      const code = err.status === 413 ? 'PAYLOAD_TOO_LARGE' : err.status === 401 ? 'UNAUTHENTICATED' : err.status === 403 ? 'FORBIDDEN' : 'VALIDATION';
      return c.json({ error: { code, message: err.message || 'Bad request' } }, err.status);
    }
    deps.logger.error({ err, requestId: c.get('requestId'), method: c.req.method, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'INTERNAL', message: 'Internal error' } }, 500);
  });
  return app;
}
