import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createUser, ensureInstitution, unique, type ApiSession } from './support/api-session.js';
import { openBrowser, saveScreenshot, type E2eBrowser } from './support/browser.js';
import { ADMIN } from './support/server.js';
import { chooseOption, signIn } from './support/ui.js';

const baseUrl = inject('baseUrl');
const ARBIN = resolve('../shared/fixtures/arbin/arbin_example.csv');

/** A lab export no parser knows: a preamble, `;` separators, decimal commas, voltage in mV, a comment column. */
function writeUnknownCsv(dir: string): string {
  const rows = ['Prüfstand 7 – Zelle A1', 'Zeit;Spannung;Strom;Kommentar'];
  for (let k = 0; k <= 120; k++) rows.push(`${k * 10},0;${3500 + k};${k <= 60 ? '1,5' : '-1,5'};ok`);
  const path = join(dir, `rig7-${Date.now()}.csv`);
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

describe('upload preview and column mapping', () => {
  let browser: E2eBrowser;
  let session: ApiSession;
  let experimentId: number;
  let rig: { id: number; name: string };
  const tmp = mkdtempSync(join(tmpdir(), 'liionsden-e2e-mapping-'));

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    const institution = await ensureInstitution(admin, unique('Lab'));
    const user = await createUser(baseUrl, admin, unique('erin'), institution);
    session = user.session;
    experimentId = (await session.request<{ id: number }>('POST', '/api/v1/experiments', { name: unique('Mapped uploads') })).id;
    rig = await session.request<{ id: number; name: string }>('POST', '/api/v1/equipment', { name: unique('Rig 7') });
    browser = await openBrowser(baseUrl);
    await signIn(browser.page, user.username, user.password);
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(tmp, { recursive: true, force: true });
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && browser) await saveScreenshot(browser.page, `failed-${ctx.task.name}`);
  });

  it('previews a real Arbin CSV: its format and recognised columns', async () => {
    const { page } = browser;
    await page.goto(`/experiments/${experimentId}`);
    await page.getByLabel('Choose files to upload').setInputFiles(ARBIN);
    await page.getByText('Detected format:').waitFor({ timeout: 60_000 });
    await page.getByText('(arbin-csv)').waitFor();
    const columns = page.getByRole('table', { name: 'Columns recognised in arbin_example.csv' });
    await columns.getByRole('row').filter({ hasText: 'Voltage / V' }).first().waitFor();
    await page.getByRole('status').filter({ hasText: /^Ready: [\d,]+ rows \(arbin-csv\)$/ }).waitFor({ timeout: 120_000 });
  });

  it('maps the columns of an unknown CSV in the dialog, saves the mapping and ingests the file with it', async () => {
    const { page } = browser;
    const path = writeUnknownCsv(tmp);
    const fileName = path.slice(path.lastIndexOf('/') + 1);
    await chooseOption(page, 'Equipment', rig.name);
    await page.getByLabel('Choose files to upload').setInputFiles(path);
    const dialog = page.getByRole('dialog', { name: `Map the columns of ${fileName}` });
    await dialog.waitFor({ timeout: 60_000 });
    await dialog.getByLabel('Column for Zeit').selectOption('Test Time / s');
    await dialog.getByLabel('Column for Spannung').selectOption('Voltage / V');
    await dialog.getByLabel('Unit of Spannung').selectOption('mV');
    await dialog.getByLabel('Column for Strom').selectOption('Current / A');
    await dialog.getByLabel('Mapping name').fill(unique('Rig 7'));
    await saveScreenshot(page, 'column-mapping-dialog');
    await dialog.getByRole('button', { name: 'Save mapping and upload' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: `Columns recognised in ${fileName}` }).getByRole('row').filter({ hasText: 'Spannung [mV]' }).waitFor({ timeout: 60_000 });

    const row = page.getByRole('table', { name: 'Data files' }).getByRole('row').filter({ hasText: fileName });
    await row.locator('[data-state="ready"]').waitFor({ timeout: 120_000 });
    const files = await session.request<{ items: { original_name: string; format: string; equipment_id: number; columns: { name: string; originalName: string }[] }[] }>(
      'GET',
      `/api/v1/data-files?experiment_id=${experimentId}&page_size=50`,
    );
    const mapped = files.items.find((f) => f.original_name === fileName);
    expect(mapped?.format).toBe('generic-csv');
    expect(mapped?.equipment_id).toBe(rig.id);
    const mappings = await session.request<{ items: { equipment_id: number | null }[] }>('GET', `/api/v1/column-mappings?equipment_id=${rig.id}`);
    expect(mappings.items).toHaveLength(1);
    expect(mapped?.columns.map((c) => `${c.originalName}→${c.name}`)).toEqual(expect.arrayContaining(['Zeit→Test Time / s', 'Spannung→Voltage / V', 'Strom→Current / A']));
  });

  it('says on the upload line why a file failed to parse, with the line and column', async () => {
    const { page } = browser;
    const lines = readFileSync(ARBIN, 'latin1').split('\n');
    lines[5] = lines[5].replace(/,([\d.]+),/, ',oops,');
    const path = join(tmp, `broken-${Date.now()}.csv`);
    writeFileSync(path, lines.join('\n'), 'latin1');
    const fileName = path.slice(path.lastIndexOf('/') + 1);
    await page.getByLabel('Choose files to upload').setInputFiles(path);
    const alert = page.getByRole('alert').filter({ hasText: `Parse failed: ${fileName} (arbin-csv, line 6, field` });
    await alert.waitFor({ timeout: 120_000 });
    expect(await alert.textContent()).toMatch(/not a number: 'oops'/);
  });
});
