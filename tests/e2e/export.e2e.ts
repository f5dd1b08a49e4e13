import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createUser, ensureInstitution, unique } from './support/api-session.js';
import { browserHooks, openBrowser, saveScreenshot, type E2eBrowser } from './support/browser.js';
import { ADMIN } from './support/server.js';
import { signIn } from './support/ui.js';

const baseUrl = inject('baseUrl');

describe('export a filtered, sorted list as CSV', () => {
  let browser: E2eBrowser;
  const tag = unique('export');

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    const institution = await ensureInstitution(admin, unique('Lab'));
    const user = await createUser(baseUrl, admin, unique('grace'), institution);
    for (const [name, temperature] of [['b', 25], ['a', 45], ['c', 10]] as const) {
      await user.session.request('POST', '/api/v1/experiments', { name: `${tag} ${name}`, temperature_c: temperature });
    }
    await user.session.request('POST', '/api/v1/experiments', { name: unique('unrelated') });
    browser = await openBrowser(baseUrl);
    await signIn(browser.page, user.username, user.password);
  });
  browserHooks(() => browser);

  it('searches, sorts by a column header, and pages through the list', async () => {
    const { page } = browser;
    await page.goto('/experiments');
    await page.getByLabel(/Search experiments/).fill(tag);
    await page.getByRole('link', { name: `${tag} c` }).waitFor();
    await page.getByRole('button', { name: /^Name/ }).click();
    await expect.poll(() => page.locator('table.list tbody tr td:first-child').allTextContents()).toEqual([`${tag} a`, `${tag} b`, `${tag} c`]);
    await page.getByRole('button', { name: /^Name/ }).click();
    await expect.poll(() => page.locator('table.list tbody tr td:first-child').allTextContents()).toEqual([`${tag} c`, `${tag} b`, `${tag} a`]);
    await page.getByText('1–3 of 3').waitFor();
    await saveScreenshot(page, 'experiment-list');
  });

  it('downloads exactly the filtered rows as CSV', async () => {
    const { page } = browser;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    const text = await readFile(await download.path(), 'utf8');
    const lines = text.trim().split(/\r?\n/);
    const header = lines[0].split(',');
    expect(header).toContain('name');
    expect(header).toContain('temperature_c');
    expect(lines).toHaveLength(4);
    const nameAt = header.indexOf('name');
    const tempAt = header.indexOf('temperature_c');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => r[nameAt].replace(/"/g, ''))).toEqual([`${tag} c`, `${tag} b`, `${tag} a`]);
    expect(rows.map((r) => Number(r[tempAt]))).toEqual([10, 25, 45]);
  });
});
