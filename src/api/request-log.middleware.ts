import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../observability/logger.js';

/**
 * One access log line per request: method, path (never the query string, which may carry secrets),
 * status, duration, the request id and the signed-in user when known. Runs after the error handler,
 * so a failed request is logged with the status it was answered with.
 */
export function requestLogMiddleware(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info({
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      userId: c.get('viewer')?.userId ?? undefined,
    }, 'request');
  };
}
