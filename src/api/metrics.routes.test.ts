import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimNewDataFile } from '../../tests/setup/queued-file.js';
import { syntheticExport } from '../../tests/setup/synthetic-export.js';
import { createTestApp, type TestApp } from '../../tests/setup/test-app.js';
import { runIngestJob } from '../ingest/ingest-pipeline.js';
import { enqueueIngestJob } from '../ingest/job-queue.js';
import { createLocalBlobStore } from '../storage/local-blob-store.js';

// What a request on a loopback socket carries (app.request has no socket of its own).
const loopback = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };

describe('GET /metrics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liionsden-metrics-'));
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { dataDir: dir } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is refused to clients off the loopback interface when no METRICS_TOKEN is set', async () => {
    const res = await t.app.request('/metrics');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('serves the Prometheus text format: request durations by route pattern, queue gauges, ingest counters', async () => {
    const user = await t.createUser('contributor');
    expect((await t.app.request('/api/v1/organisations/987654', { headers: user.headers })).status).toBe(404);
    const store = createLocalBlobStore(join(dir, 'files'));
    const { fileName, bytes } = syntheticExport('arbin-csv', 'cell.csv', 400);
    const { job } = await claimNewDataFile(t.handle.db, store, user.id, { name: fileName, bytes });
    expect(await runIngestJob({ db: t.handle.db, blobStore: store }, job)).toBe('ready');
    await enqueueIngestJob(t.handle.db, job.dataFileId);
    await enqueueIngestJob(t.handle.db, job.dataFileId);

    const res = await t.app.request('/metrics', {}, loopback);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^liionsden_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/organisations\/:id",status_class="4xx"\} [1-9]/m);
    expect(text).not.toContain('987654');
    expect(text).toMatch(/^liionsden_ingest_queue_depth 2$/m);
    expect(text).toMatch(/^liionsden_ingest_queue_oldest_age_seconds \d/m);
    expect(text).toMatch(/^liionsden_ingest_rows_total\{format="arbin-csv"\} [1-9]\d*$/m);
    expect(text).toMatch(/^liionsden_process_resident_memory_bytes \d+/m);
  });

  it('asks for the bearer token when METRICS_TOKEN is set, from any client', async () => {
    const token = 'metrics-token-0123456789';
    const app = await createTestApp({ config: { metricsToken: token } });
    try {
      expect((await app.app.request('/metrics', {}, loopback)).status).toBe(401);
      expect((await app.app.request('/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      const res = await app.app.request('/metrics', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('# TYPE liionsden_ingest_queue_depth gauge');
    } finally {
      await app.close();
    }
  });
});
