import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createUser, ensureInstitution, unique, waitUntilParsed, type ApiSession } from './support/api-session.js';
import { browserHooks, openBrowser, saveScreenshot, type E2eBrowser } from './support/browser.js';
import { ADMIN } from './support/server.js';
import { signIn } from './support/ui.js';

const baseUrl = inject('baseUrl');

describe("a batch's statistics from its devices' data files", () => {
  let browser: E2eBrowser;
  let session: ApiSession;
  let batchId: number;
  let deviceIds: number[];
  let dataFileIds: number[];
  let experimentId: number;

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    const user = await createUser(baseUrl, admin, unique('erin'), await ensureInstitution(admin, unique('Lab')));
    session = user.session;
    const types = await session.request<{ items: { id: number }[] }>('GET', '/api/v1/device-types/choices');
    const spec = await session.request<{ id: number }>('POST', '/api/v1/specifications', { name: unique('Cell spec'), device_type_id: types.items[0].id });
    batchId = (await session.request<{ id: number }>('POST', '/api/v1/batches', { name: unique('Batch'), specification_id: spec.id })).id;
    deviceIds = [];
    for (const sequence of [1, 2]) deviceIds.push((await session.request<{ id: number }>('POST', '/api/v1/devices', { batch_id: batchId, sequence })).id);
    experimentId = (await session.request<{ id: number }>('POST', '/api/v1/experiments', { name: unique('Two cells') })).id;
    // Two real files, one per cell.
    dataFileIds = [];
    for (const [i, fixture] of ['arbin/arbin_example.csv', 'neware/test_2.ndax'].entries()) {
      const form = new FormData();
      form.append('deviceIds', String(deviceIds[i]));
      form.append('file', new Blob([new Uint8Array(readFileSync(resolve('../shared/fixtures', fixture)))]), fixture.split('/')[1]);
      dataFileIds.push((await session.upload<{ dataFileId: number }>(`/api/v1/experiments/${experimentId}/files`, form)).dataFileId);
    }
    await waitUntilParsed(session, dataFileIds);
    browser = await openBrowser(baseUrl);
    await signIn(browser.page, user.username, user.password);
  });
  browserHooks(() => browser);

  it('opens from the batch page: a row per device with the API figures, their spread, and the capacity band', async () => {
    const { page } = browser;
    await page.goto(`/batches/${batchId}`);
    await page.getByRole('link', { name: /^Statistics of its devices/ }).click();
    expect(new URL(page.url()).searchParams.get('batch')).toBe(String(batchId));
    const table = page.getByRole('table', { name: 'Batch statistics per device' });
    await table.getByRole('row').nth(1).waitFor({ timeout: 30_000 });
    const unit = /\/ (\S+)$/.exec((await table.getByRole('columnheader').nth(2).textContent())!)![1];
    const stats = await session.request<{ devices: { deviceId: number; cycleCount: number; finalDischargeCapacity: number }[] }>(
      'GET', `/api/v1/batches/${batchId}/statistics?unit=${encodeURIComponent(unit.replace('²', '2'))}`,
    );
    expect(stats.devices.map((d) => d.deviceId).sort()).toEqual([...deviceIds].sort());
    // Header, two devices, then the mean ± sd and range rows.
    expect(await table.getByRole('row').count()).toBe(1 + 2 + 2);
    for (const [i, d] of stats.devices.entries()) {
      const cells = table.getByRole('row').nth(1 + i).getByRole('cell');
      expect(await cells.nth(0).textContent()).toBe(String(d.cycleCount));
      expect(await cells.nth(2).textContent()).toBe(d.finalDischargeCapacity.toFixed(4));
    }
    await table.getByRole('row', { name: /Mean ± sd/ }).waitFor();
    const band = page.getByRole('figure', { name: 'Batch discharge capacity vs cycle' });
    await expect.poll(async () => Number(await band.getAttribute('data-drawn')), { timeout: 30_000 }).toBeGreaterThan(0);
    await saveScreenshot(page, 'batch-statistics');
  });

  it('compares the data files a list shows', async () => {
    const { page } = browser;
    await page.goto(`/data-files?experiment_id=${experimentId}`);
    await page.getByRole('link', { name: 'Compare these 2 files' }).click();
    expect(new URL(page.url()).searchParams.get('dataFiles')!.split(',').map(Number).sort()).toEqual([...dataFileIds].sort());
    // Beside the overlays, each file's figures as numbers.
    const figures = page.getByRole('table', { name: 'Figures per data file' });
    await figures.getByRole('row', { name: /test_2\.ndax/ }).waitFor({ timeout: 30_000 });
    expect(await figures.getByRole('row').count()).toBe(1 + 2);
  });

  it("plots a device's capacity fade from the device page", async () => {
    const { page } = browser;
    await page.goto(`/devices/${deviceIds[1]}`);
    await page.getByRole('link', { name: 'Plot its capacity fade' }).click();
    expect(new URL(page.url()).searchParams.get('dataFiles')).toBe(String(dataFileIds[1]));
    const fade = page.getByRole('figure', { name: 'Capacity fade' });
    await expect.poll(async () => Number(await fade.getAttribute('data-drawn')), { timeout: 30_000 }).toBeGreaterThan(0);
  });
});
