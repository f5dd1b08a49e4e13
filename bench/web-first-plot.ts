/// <reference lib="dom" />
/**
 * The experiment page with a 1,000,000-row data file, in headless Chromium against the real server:
 *   first plot   navigation → the V/I vs time plot drawn with data (performance mark), median of runs
 *   zoom redraw  mouse-up of a drag-zoom → plot redrawn with the finer data fetched for the window
 *   baseline     the same page's data fetched at full resolution (every row) and parsed, in the page
 * Run: npm run bench:web-first-plot   (ROWS=… to change the size; RUNS=… repetitions)
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { apiLogin, createUser, ensureInstitution, unique } from '../tests/e2e/support/api-session.js';
import { openBrowser } from '../tests/e2e/support/browser.js';
import { ADMIN, startE2eServer } from '../tests/e2e/support/server.js';
import { signIn } from '../tests/e2e/support/ui.js';

const rows = Number(process.env.ROWS ?? 1_000_000);
const runs = Number(process.env.RUNS ?? 5);
const out = resolve('bench/out');
mkdirSync(out, { recursive: true });
const file = join(out, `synth-arbin-${rows}.csv`);
if (!existsSync(file)) execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', String(rows), '--out', file], { stdio: 'inherit' });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const PLOT = 'Voltage, current and temperature vs test time';

const server = await startE2eServer();
try {
  const admin = await apiLogin(server.baseUrl, ADMIN.username, ADMIN.password);
  const user = await createUser(server.baseUrl, admin, unique('bench'), await ensureInstitution(admin, unique('Bench lab')));
  const experiment = await user.session.request<{ id: number }>('POST', '/api/v1/experiments', { name: unique('1M rows') });

  // Uploaded through the page, as a user would (drag-and-drop input, XHR with progress).
  const browser = await openBrowser(server.baseUrl);
  const { page } = browser;
  await signIn(page, user.username, user.password);
  const started = Date.now();
  await page.goto(`/experiments/${experiment.id}`);
  await page.getByLabel('Choose files to upload').setInputFiles(file);
  await page.getByText(/Uploaded, /).waitFor({ timeout: 300_000 });
  const files = await user.session.request<{ items: { id: number }[] }>('GET', `/api/v1/data-files?experiment_id=${experiment.id}`);
  const dataFileId = files.items[0].id;
  for (;;) {
    // The server is busy ingesting: a reused keep-alive socket may be reset, so ask again.
    const f = await user.session.request<{ state: string; error: unknown }>('GET', `/api/v1/data-files/${dataFileId}`).catch((e: unknown) => {
      if (e instanceof TypeError) return { state: 'unknown', error: null };
      throw e;
    });
    if (f.state === 'ready') break;
    if (f.state === 'failed') throw new Error(`ingest failed: ${JSON.stringify(f.error)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`ingested ${rows.toLocaleString()} rows (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const plot = page.getByRole('figure', { name: PLOT });

  const firstPlotMs: number[] = [];
  const zoomMs: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    await page.goto(`/experiments/${experiment.id}`);
    await page.waitForFunction((label) => performance.getEntriesByName(`plot-drawn:${label}`).length > 0, PLOT, { timeout: 60_000 });
    const t = await page.evaluate((label) => performance.getEntriesByName(`plot-drawn:${label}`)[0].startTime, PLOT);
    if (i > 0) firstPlotMs.push(t); // the first load warms the server's column cache and the browser cache

    // Zoom: time from mouse-up to the first redraw after the window's finer data arrived (the
    // plot also redraws the old points at the new scale at once; that is not counted).
    await page.evaluate(() => {
      const fig = document.querySelector('figure[data-drawn]') as HTMLElement;
      const w = window as unknown as { zoom: { up: number; fetched: number; drawn: number } };
      w.zoom = { up: 0, fetched: 0, drawn: 0 };
      fig.querySelector('.u-over')?.addEventListener('mouseup', () => (w.zoom.up = performance.now()), { capture: true });
      const original = window.fetch;
      window.fetch = async (...args: Parameters<typeof fetch>) => {
        const res = await original(...args);
        if (String(args[0]).includes('/series') && String(args[0]).includes('from=') && w.zoom.up > 0) w.zoom.fetched = performance.now();
        return res;
      };
      new MutationObserver(() => {
        if (w.zoom.fetched > 0 && w.zoom.drawn === 0) w.zoom.drawn = performance.now();
      }).observe(fig, { attributes: true, attributeFilter: ['data-drawn'] });
    });
    const box = await plot.locator('.u-over').boundingBox();
    if (!box) throw new Error('no plot');
    const from = box.x + box.width * (0.2 + 0.05 * (i % 5));
    await page.mouse.move(from, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(from + box.width * 0.1, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => (window as unknown as { zoom: { drawn: number } }).zoom.drawn > 0, undefined, { timeout: 30_000 });
    const z = await page.evaluate(() => {
      const w = window as unknown as { zoom: { up: number; drawn: number } };
      return w.zoom.drawn - w.zoom.up;
    });
    if (i > 0) zoomMs.push(z);
  }

  // Baseline: what a plot of every row would have to fetch and parse before drawing anything.
  const baselineMs: number[] = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    baselineMs.push(
      await page.evaluate(async ({ id, n }) => {
        const t0 = performance.now();
        const r = await fetch(`/api/v1/data-files/${id}/series?columns=Voltage%20/%20V,Current%20/%20A&maxPoints=${n}`);
        const body = (await r.json()) as { rows: number };
        if (body.rows < n * 0.99) throw new Error(`baseline got ${body.rows} rows`);
        return performance.now() - t0;
      }, { id: dataFileId, n: rows }),
    );
  }
  await browser.close();

  const first = median(firstPlotMs);
  const zoom = median(zoomMs);
  const base = median(baselineMs);
  console.log(`first plot (navigation → drawn), median of ${firstPlotMs.length}: ${first.toFixed(0)} ms   [${firstPlotMs.map((x) => x.toFixed(0)).join(', ')}]`);
  console.log(`zoom redraw (mouse-up → finer data drawn), median of ${zoomMs.length}: ${zoom.toFixed(0)} ms   [${zoomMs.map((x) => x.toFixed(0)).join(', ')}]`);
  console.log(`baseline: fetch + parse all ${rows.toLocaleString()} rows of V and I (no drawing), median: ${base.toFixed(0)} ms → the downsampled first plot is ${(base / first).toFixed(1)}× faster`);
} catch (e) {
  console.error(`server output (tail):\n${server.log().slice(-3000)}`);
  throw e;
} finally {
  await server.stop();
}
