import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { httpRequestDuration } from '../observability/metrics.js';

/** Observes every request in `liionsden_http_request_duration_seconds` under its route pattern. */
export function httpMetricsMiddleware(): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const labels = { method: c.req.method, route: routePatternOf(c), status_class: `${Math.floor(c.res.status / 100)}xx` };
    httpRequestDuration.observe(labels, (performance.now() - started) / 1000);
  };
}

/**
 * The pattern of the route that answered (`/api/v1/experiments/:id`): raw paths would make a time
 * series per record id. A request that only middleware saw (no route: 404) is `(unmatched)`.
 */
function routePatternOf(c: Context): string {
  const route = matchedRoutes(c)[c.req.routeIndex];
  return route && route.method !== 'ALL' ? route.path : '(unmatched)';
}
