import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/setup/test-app.js';

interface Readiness {
  status: string;
  database: { status: string; reason?: string };
  storage: { status: string; reason?: string };
}

describe('GET /api/ready', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liionsden-ready-'));
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { dataDir: dir } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is ready when the database and the local store answer', async () => {
    const res = await t.app.request('/api/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: { status: 'up' }, storage: { status: 'up' } });
  });

  it('answers 503 naming storage when the store directory is gone (a volume not mounted)', async () => {
    renameSync(join(dir, 'files'), join(dir, 'files-unmounted'));
    try {
      const res = await t.app.request('/api/ready');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'not_ready', database: { status: 'up' }, storage: { status: 'down', reason: 'STORAGE_UNAVAILABLE' } });
    } finally {
      renameSync(join(dir, 'files-unmounted'), join(dir, 'files'));
    }
    expect((await t.app.request('/api/ready')).status).toBe(200);
  });

  it('answers 503 with draining while the process shuts down (SIGTERM), though every part is up', async () => {
    t.deps.lifecycle = { draining: true };
    try {
      const res = await t.app.request('/api/ready');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'not_ready', database: { status: 'up' }, storage: { status: 'up' }, draining: true });
    } finally {
      t.deps.lifecycle = undefined;
    }
  });
});

describe('an object store that refuses connections', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Port 1 on loopback refuses connections: an S3 endpoint that is down.
    const s3 = { bucket: 'liionsden', endpoint: 'http://127.0.0.1:1', region: 'us-east-1', forcePathStyle: true, accessKeyId: 'k', secretAccessKey: 's' };
    t = await createTestApp({ config: { blobStore: 's3', s3 } });
  });
  afterAll(async () => t?.close());

  it('makes /api/ready answer 503 naming storage, not the database', async () => {
    const res = await t.app.request('/api/ready');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'not_ready', database: { status: 'up' }, // The SDK retries a refused connection with back-off: on a loaded machine that outlasts the 3 s check.
      storage: { status: 'down', reason: expect.stringMatching(/^(STORAGE_UNAVAILABLE|timeout)$/) } });
  });

  it('answers an upload with 503 STORAGE_UNAVAILABLE, not DATABASE_UNAVAILABLE', async () => {
    const user = await t.createUser('contributor');
    const experiment = (await (await t.call('POST', '/api/v1/experiments', user, { name: 'outage' })).json()) as { id: number };
    const form = new FormData();
    form.append('file', new Blob([new TextEncoder().encode('a,b\n1,2\n')]), 'cell.csv');
    const res = await t.app.request(`/api/v1/experiments/${experiment.id}/files`, { method: 'POST', headers: { authorization: user.headers.authorization }, body: form });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringMatching(/file store/) });
    expect(res.headers.get('retry-after')).toBe('5');
  });
});
