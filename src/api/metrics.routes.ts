import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { Registry } from 'prom-client';
import { clientIp } from '../auth/client-ip.js';
import { secretsEqual } from '../auth/secret-token.js';
import { createQueueMetrics } from '../ingest/queue-metrics.js';
import { processMetrics } from '../observability/metrics.js';
import type { AppDeps } from './app-deps.js';

/**
 * `GET /metrics` in the Prometheus text format (ADR 0013). With METRICS_TOKEN set, only
 * `Authorization: Bearer <METRICS_TOKEN>`; without it, only clients on the loopback interface.
 */
export function registerMetricsRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const queue = createQueueMetrics(deps.db);
  app.get('/metrics', async (c) => {
    const refusal = refusalOf(c, deps);
    if (refusal) return c.json({ error: refusal.error }, refusal.status);
    const registry = Registry.merge([processMetrics, queue]);
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
  });
}

function refusalOf(c: Context, deps: AppDeps): { status: 401 | 403; error: { code: string; message: string } } | undefined {
  const token = deps.config.metricsToken;
  if (token !== undefined) {
    const sent = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (sent !== undefined && secretsEqual(sent, token)) return undefined;
    return { status: 401, error: { code: 'UNAUTHENTICATED', message: 'Send Authorization: Bearer <METRICS_TOKEN>' } };
  }
  if (isLoopback(clientIp(c, deps.config.trustProxyHops))) return undefined;
  return { status: 403, error: { code: 'FORBIDDEN', message: 'Metrics are served to loopback clients only unless METRICS_TOKEN is set' } };
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || /^127\./.test(ip);
}
