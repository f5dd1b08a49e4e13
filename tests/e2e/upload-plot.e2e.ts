import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Request } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createUser, ensureInstitution, unique, type ApiSession } from './support/api-session.js';
import { browserHooks, openBrowser, saveScreenshot, type E2eBrowser } from './support/browser.js';
import { countPlotPixels } from './support/canvas.js';
import { ADMIN } from './support/server.js';
import { signIn } from './support/ui.js';

const baseUrl = inject('baseUrl');
// A complete Neware test: 108,563 rows, 54 cycles.
const FIXTURE = resolve('../shared/fixtures/neware/test_2.ndax');
const VOLTAGE_BLUE: [number, number, number] = [21, 88, 176];

function seriesWindow(req: Request): { from: number; to: number } | undefined {
  const url = new URL(req.url());
  if (!url.pathname.endsWith('/series') || !url.searchParams.has('from')) return undefined;
  return { from: Number(url.searchParams.get('from')), to: Number(url.searchParams.get('to')) };
}

describe('upload a real cycler file, see it parsed and plotted, zoom for finer data', () => {
  let browser: E2eBrowser;
  let experimentId: number;
  let session: ApiSession;

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    const institution = await ensureInstitution(admin, unique('Lab'));
    const user = await createUser(baseUrl, admin, unique('dave'), institution);
    session = user.session;
    experimentId = (await user.session.request<{ id: number }>('POST', '/api/v1/experiments', { name: unique('Neware 54 cycles') })).id;
    browser = await openBrowser(baseUrl);
    await signIn(browser.page, user.username, user.password);
  });
  browserHooks(() => browser);

  it('uploads with progress and follows the parse state to ready', async () => {
    const { page } = browser;
    await page.goto(`/experiments/${experimentId}`);
    await page.getByLabel('Choose files to upload').setInputFiles(FIXTURE);
    await page.getByRole('progressbar', { name: 'Upload progress of test_2.ndax' }).waitFor();
    // The upload's own line follows the parse to its end, as does the experiment's list of data files.
    await page.getByRole('status').filter({ hasText: 'Ready: 108,563 rows (neware-ndax)' }).waitFor({ timeout: 150_000 });
    const row = page.getByRole('table', { name: 'Data files' }).getByRole('row').filter({ hasText: 'test_2.ndax' });
    await row.locator('[data-state="ready"]').waitFor({ timeout: 60_000 });
    await row.getByText(/108,563 rows/).waitFor();
  });

  it('draws voltage vs time on the canvas (pixels, not just DOM) and the cycle plots', async () => {
    const { page } = browser;
    const plot = page.getByRole('figure', { name: 'Voltage, current and temperature vs test time' });
    await expect.poll(async () => Number(await plot.getAttribute('data-drawn')), { timeout: 60_000 }).toBeGreaterThan(0);
    const pixels = await countPlotPixels(plot, VOLTAGE_BLUE);
    expect(pixels.matching).toBeGreaterThan(800);
    const fade = page.getByRole('figure', { name: 'Capacity and coulombic efficiency vs cycle' });
    await expect.poll(async () => Number(await fade.getAttribute('data-drawn')), { timeout: 60_000 }).toBeGreaterThan(0);
    expect((await countPlotPixels(fade, [217, 72, 15])).matching).toBeGreaterThan(50);
    // A 0.25 mAh cell: capacities are shown in mAh until the user picks a unit.
    await expect.poll(() => page.getByRole('radio', { name: 'mAh', exact: true }).isChecked(), { timeout: 30_000 }).toBe(true);
    const vq = page.getByRole('figure', { name: 'Voltage vs capacity for the chosen cycles' });
    await expect.poll(async () => Number(await vq.getAttribute('data-drawn')), { timeout: 60_000 }).toBeGreaterThan(0);
    await plot.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'experiment-plots');
  });

  it('zooming into the plot fetches finer data for the narrower window', async () => {
    const { page } = browser;
    const plot = page.getByRole('figure', { name: 'Voltage, current and temperature vs test time' });
    const drawsBefore = Number(await plot.getAttribute('data-drawn'));
    const windows: { from: number; to: number }[] = [];
    page.on('request', (req) => {
      const w = seriesWindow(req);
      if (w) windows.push(w);
    });
    const over = plot.locator('.u-over');
    const box = await over.boundingBox();
    if (!box) throw new Error('plot overlay has no box');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.4, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, y, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => windows.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => Number(await plot.getAttribute('data-drawn')), { timeout: 30_000 }).toBeGreaterThan(drawsBefore);
    await page.getByText(/points/).first().waitFor();
    const [first] = windows;
    const status = await plot.locator('.plot-status').textContent();
    expect(first.to).toBeGreaterThan(first.from);
    // The zoomed window is about a tenth of the test: far narrower than the whole.
    const whole = await page.evaluate(async (id) => {
      const r = await fetch(`/api/v1/data-files?experiment_id=${id}`);
      const files = (await r.json()) as { items: { id: number }[] };
      const s = await fetch(`/api/v1/data-files/${files.items[0].id}/series?columns=Voltage%20/%20V&maxPoints=4`);
      return (await s.json()) as { from: number; to: number };
    }, experimentId);
    expect(first.to - first.from).toBeLessThan((whole.to - whole.from) / 5);
    expect(status).toMatch(/points/);
    await saveScreenshot(page, 'experiment-zoomed');
  });

  it('downloads the normalised series as CSV', async () => {
    const { page } = browser;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV', exact: true }).first().click()]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const head = (await readFile(path, 'utf8')).split('\n', 3);
    expect(head[0]).toContain('Voltage / V');
    expect(head.length).toBe(3);
  });

  it("opens the data file's own page: summary, downloads, warnings, plots and columns", async () => {
    const { page } = browser;
    await page.goto(`/experiments/${experimentId}`);
    await page.getByRole('link', { name: 'Details of test_2.ndax' }).click();
    await page.getByRole('heading', { name: 'test_2.ndax', level: 1 }).waitFor();
    const summary = page.getByLabel('Data file summary');
    await summary.getByText('108,563').waitFor();
    await summary.getByText(/^neware-ndax \(parser /).waitFor();
    await summary.getByText('1.32 MB').waitFor();
    await summary.getByRole('link', { name: 'Parquet' }).waitFor();
    // The file's own warning (rows NewareNDA also extrapolates), in words, with its code.
    await page.getByRole('region', { name: 'Parser warnings' }).getByText(/no runInfo entry.*\(INTERPOLATED_ROWS\)/).waitFor();
    const columns = page.getByRole('table', { name: 'Columns' });
    await columns.getByRole('row').filter({ hasText: 'Current / A' }).filter({ hasText: 'mA' }).waitFor();
    expect(await columns.getByRole('row').count()).toBe(22); // header + 21 columns
    await page.getByLabel('Header metadata').getByText('BTS Client 8.0.1.492(2025.01.23)').first().waitFor();
    const plot = page.getByRole('figure', { name: 'Voltage, current and temperature vs test time' });
    await expect.poll(async () => Number(await plot.getAttribute('data-drawn')), { timeout: 60_000 }).toBeGreaterThan(0);
    expect((await countPlotPixels(plot, VOLTAGE_BLUE)).matching).toBeGreaterThan(800);
    // The cycle summary as numbers, in the unit the switch shows: a row per cycle the API lists (up to the first 50), and the same as CSV.
    const dataFileId = /\/data-files\/(\d+)/.exec(page.url())![1];
    const table = page.getByRole('table', { name: 'Cycle summary' });
    await table.getByRole('row').nth(1).waitFor();
    const unit = /^Discharge \/ (.+)$/.exec((await table.getByRole('columnheader').nth(2).textContent())!)![1];
    const query = unit === 'mAh/cm²' ? 'mAh/cm2' : unit;
    const cycles = ((await (await page.request.get(`/api/v1/data-files/${dataFileId}/cycles?unit=${encodeURIComponent(query)}`)).json()) as { cycles: { cycle: number; dischargeCapacity: number }[] }).cycles;
    expect(cycles.length).toBeGreaterThan(1);
    expect(await table.getByRole('row').count()).toBe(1 + Math.min(cycles.length, 50));
    const first = table.getByRole('row').nth(1).getByRole('cell');
    expect(await first.nth(0).textContent()).toBe(String(cycles[0].cycle));
    expect(await first.nth(2).textContent()).toBe(cycles[0].dischargeCapacity.toFixed(4));
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'cycles CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('test_2-cycles.csv');
    const lines = (await (await import('node:fs/promises')).readFile(await csv.path(), 'utf8')).trimEnd().split('\r\n');
    expect(lines[0].startsWith(`Cycle,Vendor cycle,Charge capacity / ${query},Discharge capacity / ${query},Coulombic efficiency / %`)).toBe(true);
    expect(lines).toHaveLength(1 + cycles.length);
    expect(Number(lines[1].split(',')[3])).toBeCloseTo(cycles[0].dischargeCapacity, 9);
    // Its history: the upload by the signed-in user, then the parse by Liionsden.
    const history = page.getByRole('region', { name: 'Edit history' });
    await history.getByText(/^create by \S+ on /).waitFor();
    await history.getByText(/^update by Liionsden \(ingest\) on /).waitFor();
    await history.getByText(/State: queued → ready/).waitFor();
    await saveScreenshot(page, 'data-file-page');
  });

  it('overlays the file on the compare page', async () => {
    const { page } = browser;
    await page.goto('/compare');
    const select = page.getByLabel('Data files');
    await select.locator('option', { hasText: 'test_2.ndax' }).first().waitFor({ state: 'attached' });
    const value = await select.locator('option', { hasText: 'test_2.ndax' }).first().getAttribute('value');
    await select.selectOption([value ?? '']);
    const fade = page.getByRole('figure', { name: 'Capacity fade' });
    await expect.poll(async () => Number(await fade.getAttribute('data-drawn')), { timeout: 30_000 }).toBeGreaterThan(0);
    expect((await countPlotPixels(fade, VOLTAGE_BLUE)).matching).toBeGreaterThan(30);
    // In mAh for this small cell, and in Ah once the user asks for it.
    await expect.poll(() => page.getByRole('radio', { name: 'mAh', exact: true }).isChecked(), { timeout: 30_000 }).toBe(true);
    const inAh = page.waitForRequest((r) => r.url().includes('/api/v1/compare/cycles') && new URL(r.url()).searchParams.get('unit') === 'Ah', { timeout: 30_000 });
    await page.getByRole('group', { name: 'Capacity unit' }).getByText('Ah', { exact: true }).click();
    await inAh;
    await expect.poll(() => page.getByRole('radio', { name: 'Ah', exact: true }).isChecked()).toBe(true);
    // The choice is in the address: the same comparison opens from a bookmark or a shared link.
    expect(new URL(page.url()).searchParams.get('dataFiles')).toBe(value);
    await page.goto(`/compare?dataFiles=${value}`);
    await expect.poll(() => page.getByLabel('Data files').evaluate((el) => Array.from((el as HTMLSelectElement).selectedOptions, (o) => o.value)), { timeout: 30_000 }).toEqual([value]);
    await expect.poll(async () => Number(await page.getByRole('figure', { name: 'Capacity fade' }).getAttribute('data-drawn')), { timeout: 30_000 }).toBeGreaterThan(0);
  });

  it("compares an experiment's parsed files in one click", async () => {
    const { page } = browser;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(readFileSync(resolve('../shared/fixtures/arbin/arbin_example.csv')))]), 'arbin_example.csv');
    const second = await session.upload<{ dataFileId: number }>(`/api/v1/experiments/${experimentId}/files`, form);
    await expect.poll(async () => (await session.request<{ state: string }>('GET', `/api/v1/data-files/${second.dataFileId}`)).state, { timeout: 60_000 }).toBe('ready');
    await page.goto(`/experiments/${experimentId}`);
    await page.getByRole('link', { name: 'Compare these 2 files' }).click();
    await page.getByRole('heading', { name: 'Compare', level: 1 }).waitFor();
    const picked = new URL(page.url()).searchParams.get('dataFiles')!.split(',').map(Number);
    expect(picked).toHaveLength(2);
    expect(picked).toContain(second.dataFileId);
    const fade = page.getByRole('figure', { name: 'Capacity fade' });
    await expect.poll(async () => Number(await fade.getAttribute('data-drawn')), { timeout: 30_000 }).toBeGreaterThan(0);
  });
});
