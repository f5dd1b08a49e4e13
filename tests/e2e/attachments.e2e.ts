import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createUser, ensureInstitution, unique } from './support/api-session.js';
import { openBrowser, saveScreenshot, type E2eBrowser } from './support/browser.js';
import { ADMIN } from './support/server.js';
import { signIn } from './support/ui.js';

const baseUrl = inject('baseUrl');
const dir = mkdtempSync(join(tmpdir(), 'liionsden-e2e-pdf-'));
const pdf = join(dir, 'paper.pdf');
writeFileSync(pdf, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('a reference PDF attached, downloaded and removed through the detail page', () => {
  let browser: E2eBrowser;
  let referenceId: number;

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    const user = await createUser(baseUrl, admin, unique('rosalind'), await ensureInstitution(admin, unique('Lab')));
    referenceId = (await user.session.request<{ id: number }>('POST', '/api/v1/references', { name: unique('Paper') })).id;
    browser = await openBrowser(baseUrl);
    await signIn(browser.page, user.username, user.password);
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && browser) await saveScreenshot(browser.page, `failed-${ctx.task.name}`);
  });

  it('attaches a PDF, offers it for download with its name, and removes it', async () => {
    const { page } = browser;
    await page.goto(`/references/${referenceId}`);
    const section = page.getByRole('region', { name: 'PDF' });
    await section.getByText('None attached.').waitFor();
    await section.getByLabel('Choose the pdf file').setInputFiles(pdf);
    const link = section.getByRole('link', { name: 'paper.pdf' });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('paper.pdf');
    await section.getByRole('button', { name: 'Remove' }).click();
    await section.getByText('None attached.').waitFor();
  });
});
