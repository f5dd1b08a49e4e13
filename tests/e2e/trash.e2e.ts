import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createUser, ensureInstitution, unique } from './support/api-session.js';
import { browserHooks, openBrowser, type E2eBrowser } from './support/browser.js';
import { ADMIN } from './support/server.js';
import { signIn } from './support/ui.js';

const baseUrl = inject('baseUrl');

describe('a maintainer restores a deleted record from the trash', () => {
  let browser: E2eBrowser;
  let experimentId: number;
  let owner: Awaited<ReturnType<typeof createUser>>;
  const name = unique('trashed run');

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    const institution = await ensureInstitution(admin, unique('Lab'));
    owner = await createUser(baseUrl, admin, unique('ada'), institution);
    const maintainer = await createUser(baseUrl, admin, unique('max'), institution, 'maintainer');
    experimentId = (await owner.session.request<{ id: number }>('POST', '/api/v1/experiments', { name, status: 'public' })).id;
    await owner.session.request('DELETE', `/api/v1/experiments/${experimentId}`);
    browser = await openBrowser(baseUrl);
    await signIn(browser.page, maintainer.username, maintainer.password);
  });
  browserHooks(() => browser);

  it('shows deleted experiments only with "Show deleted", and Restore brings one back as public', async () => {
    const { page } = browser;
    await page.goto('/experiments');
    await page.getByLabel(/Search experiments/).fill(name);
    await page.getByText('Nothing found.').waitFor();
    // click, not check(): the box follows the URL, which the router updates in a transition, so its state
    // can lag the click by a frame; the Restore button appearing is the signal that counts.
    await page.getByLabel('Show deleted').click();
    await page.getByRole('button', { name: `Restore ${name}` }).click();
    await page.getByText('No deleted records.').waitFor();
    await page.getByLabel('Show deleted').click();
    await page.getByRole('link', { name }).waitFor();
    const restored = await owner.session.request<{ status: string }>('GET', `/api/v1/experiments/${experimentId}`);
    expect(restored.status).toBe('public');
  });

  it('offers no trash to a contributor', async () => {
    const other = await openBrowser(baseUrl);
    try {
      await signIn(other.page, owner.username, owner.password);
      await other.page.goto('/experiments');
      await other.page.getByLabel(/Search experiments/).waitFor();
      expect(await other.page.getByLabel('Show deleted').count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('deleting an experiment says what goes with it', () => {
  let browser: E2eBrowser;
  let owner: Awaited<ReturnType<typeof createUser>>;
  let experimentId: number;
  let dataFileId: number;

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    owner = await createUser(baseUrl, admin, unique('ida'), await ensureInstitution(admin, unique('Lab')));
    experimentId = (await owner.session.request<{ id: number }>('POST', '/api/v1/experiments', { name: unique('run with a file'), status: 'public' })).id;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(readFileSync(resolve('../shared/fixtures/arbin/arbin_example.csv')))]), 'arbin_example.csv');
    dataFileId = (await owner.session.upload<{ dataFileId: number }>(`/api/v1/experiments/${experimentId}/files`, form)).dataFileId;
    browser = await openBrowser(baseUrl);
    await signIn(browser.page, owner.username, owner.password);
  });
  browserHooks(() => browser);

  it('the dialog names its data file, and after the delete the file is gone for its owner too', async () => {
    const { page } = browser;
    await page.goto(`/experiments/${experimentId}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Confirm deletion' });
    await dialog.getByText('Its 1 data file goes with it: hidden from everyone until it is restored.').waitFor();
    await dialog.getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL(/\/experiments$/);
    await expect(owner.session.request('GET', `/api/v1/data-files/${dataFileId}`)).rejects.toThrow(/: 404 /);
  });
});
