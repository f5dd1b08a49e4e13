import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** This process's metrics: Node's own (heap, event loop, GC), HTTP and ingest. Served by `GET /metrics`. */
export const processMetrics = new Registry();
collectDefaultMetrics({ register: processMetrics, prefix: 'liionsden_' });

/** Request duration by method, route pattern (`/api/v1/experiments/:id`, never the raw path) and status class (`2xx`). */
export const httpRequestDuration = new Histogram({
  name: 'liionsden_http_request_duration_seconds',
  help: 'HTTP request duration until the response headers, by method, route pattern and status class',
  labelNames: ['method', 'route', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [processMetrics],
});

/** Rows stored by ingest jobs, by parser format: its rate is the parse throughput in rows/s. */
export const ingestRows = new Counter({
  name: 'liionsden_ingest_rows_total',
  help: 'Rows parsed and stored by ingest jobs, by format',
  labelNames: ['format'] as const,
  registers: [processMetrics],
});

/** Ingest jobs that failed, by format; `transient` ones (database or storage unreachable) are retried. */
export const ingestFailures = new Counter({
  name: 'liionsden_ingest_failures_total',
  help: 'Failed ingest attempts, by format and whether the job is retried',
  labelNames: ['format', 'transient'] as const,
  registers: [processMetrics],
});
