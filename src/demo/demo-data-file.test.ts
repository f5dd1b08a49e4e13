import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type Page, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp } from '../../tests/setup/test-app.js';
import { startWorkers, type RunningWorkers } from '../ingest/worker.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { addDemoDataFile, DEMO_FILE_NAME } from './demo-data-file.js';
import { fillDemoData } from './demo-data.js';

describe("the demo's cycler file", () => {
  let t: TestApp;
  let workers: RunningWorkers;
  const dataDir = mkdtempSync(join(tmpdir(), 'liionsden-demo-file-'));
  beforeAll(async () => {
    t = await createTestApp({ config: { dataDir } });
    await fillDemoData(t.handle.db);
    workers = startWorkers({ db: t.deps.db, blobStore: openBlobStore(t.deps.config) }, { count: 1, pollMs: 50 });
  });
  afterAll(async () => {
    await workers.stop();
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is parsed into 40 fading cycles of the first 25 °C cell, visible to a reader', { timeout: 120_000 }, async () => {
    const id = await addDemoDataFile(t.handle.db, openBlobStore(t.deps.config));
    const reader = await t.createUser('read_only');
    let file = {} as Row;
    await expect
      .poll(async () => (file = await expectJson<Row>(await t.call('GET', `/api/v1/data-files/${id}`, reader))).state, { timeout: 100_000, interval: 200 })
      .toBe('ready');
    expect(file).toMatchObject({ original_name: DEMO_FILE_NAME, format: 'arbin-csv', status: 'public' });
    expect(file.row_count).toBeGreaterThan(40_000);
    const devices = await expectJson<Page>(await t.call('GET', `/api/v1/data-files/${id}/devices`, reader));
    expect(devices.items.map((d) => d.serial)).toEqual(['D50E-001']);
    const experiment = await expectJson<Row>(await t.call('GET', `/api/v1/experiments/${String(file.experiment_id)}`, reader));
    expect(experiment.name).toBe('Cycle ageing 25 °C');

    const { cycles } = await expectJson<{ cycles: { cycle: number; dischargeCapacityAh: number }[] }>(await t.call('GET', `/api/v1/data-files/${id}/cycles`, reader));
    expect(cycles).toHaveLength(40);
    const discharge = cycles.map((c) => c.dischargeCapacityAh);
    expect(discharge[1]).toBeGreaterThan(4.5);
    expect(discharge[39]).toBeLessThan(discharge[1] * 0.97);
  });
});
