import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type Page, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp } from '../../tests/setup/test-app.js';
import { startWorkers, type RunningWorkers } from '../ingest/worker.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { addDemoDataFiles, DEMO_FILE_NAME } from './demo-data-file.js';
import { fillDemoData } from './demo-data.js';

describe("the demo's cycler files", () => {
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

  it('are parsed, one per ageing cell: 40 fading cycles each, the 45 °C cells fading faster, visible to a reader', { timeout: 120_000 }, async () => {
    const ids = await addDemoDataFiles(t.handle.db, openBlobStore(t.deps.config));
    expect(ids).toHaveLength(6);
    const reader = await t.createUser('read_only');
    const files: Row[] = [];
    await expect
      .poll(async () => {
        files.length = 0;
        for (const id of ids) files.push(await expectJson<Row>(await t.call('GET', `/api/v1/data-files/${id}`, reader)));
        return files.map((f) => f.state);
      }, { timeout: 100_000, interval: 300 })
      .toEqual(ids.map(() => 'ready'));
    const [file] = files;
    expect(file).toMatchObject({ original_name: DEMO_FILE_NAME, format: 'arbin-csv', status: 'public' });
    expect(file.row_count).toBeGreaterThan(40_000);
    const devices = await expectJson<Page>(await t.call('GET', `/api/v1/data-files/${ids[0]}/devices`, reader));
    expect(devices.items.map((d) => d.serial)).toEqual(['D50E-001']);
    const experiment = await expectJson<Row>(await t.call('GET', `/api/v1/experiments/${String(file.experiment_id)}`, reader));
    expect(experiment.name).toBe('Cycle ageing 25 °C');
    expect(files.map((f) => f.original_name)).toEqual([
      DEMO_FILE_NAME, 'CH2_D50E-002_cycle-ageing-25C.csv', 'CH3_D50E-003_cycle-ageing-25C.csv', 'CH4_D50E-004_cycle-ageing-25C.csv',
      'CH5_D50E-005_cycle-ageing-45C.csv', 'CH6_D50E-006_cycle-ageing-45C.csv',
    ]);

    // Capacity retention at cycle 40 against cycle 2, per file, from the cross-dataset endpoint.
    const compared = await expectJson<{ dataFiles: { id: number; cycle: number[]; discharge: number[] }[] }>(
      await t.call('GET', `/api/v1/compare/cycles?dataFiles=${ids.join(',')}&metric=capacity`, reader),
    );
    const retention = compared.dataFiles.map((f) => {
      expect(f.cycle).toHaveLength(40);
      expect(f.discharge[1]).toBeGreaterThan(4.5);
      return f.discharge[39] / f.discharge[1];
    });
    retention.slice(0, 4).forEach((r) => expect(r).toBeLessThan(0.97));
    expect(Math.max(...retention.slice(4))).toBeLessThan(Math.min(...retention.slice(0, 4)));
  });
});
