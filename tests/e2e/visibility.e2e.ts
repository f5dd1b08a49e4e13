import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createUser, ensureInstitution, unique } from './support/api-session.js';
import { browserHooks, openBrowser, type E2eBrowser } from './support/browser.js';
import { ADMIN } from './support/server.js';
import { signIn } from './support/ui.js';

const baseUrl = inject('baseUrl');

describe("a second user cannot see the first user's private experiment", () => {
  let browser: E2eBrowser;
  const secret = unique('Secret chemistry');
  const shared = unique('Shared results');
  let secretId: number;
  let sharedId: number;
  let ownerName: string;

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    const institution = await ensureInstitution(admin, unique('Lab'));
    const owner = await createUser(baseUrl, admin, unique('erin'), institution);
    const other = await createUser(baseUrl, admin, unique('frank'), institution);
    secretId = (await owner.session.request<{ id: number }>('POST', '/api/v1/experiments', { name: secret })).id;
    sharedId = (await owner.session.request<{ id: number }>('POST', '/api/v1/experiments', { name: shared, status: 'public' })).id;
    ownerName = owner.username;
    browser = await openBrowser(baseUrl);
    await signIn(browser.page, other.username, other.password);
  });
  browserHooks(() => browser);

  it('is not in the experiment list, nor found by search (the public one is)', async () => {
    const { page } = browser;
    await page.goto('/experiments');
    await page.getByRole('link', { name: shared }).waitFor();
    expect(await page.getByText(secret).count()).toBe(0);
    await page.getByLabel(/Search experiments/).fill('Secret chemistry');
    await page.getByText('Nothing found.').waitFor();
  });

  it('is not offered in dropdowns (upload experiment choice)', async () => {
    const { page } = browser;
    await page.goto('/upload');
    const select = page.getByLabel('Experiment');
    await select.locator('option', { hasText: shared }).waitFor({ state: 'attached' });
    expect(await select.locator('option', { hasText: secret }).count()).toBe(0);
  });

  it('is not reachable by its URL', async () => {
    const { page } = browser;
    await page.goto(`/experiments/${secretId}`);
    await page.getByText(/Not found: it does not exist or you may not see it/).waitFor();
    expect(await page.getByText(secret).count()).toBe(0);
  });

  it("shows the public one with its owner's name, and no controls to change it", async () => {
    const { page } = browser;
    await page.goto(`/experiments/${sharedId}`);
    await page.getByRole('heading', { name: shared }).waitFor();
    await page.getByText('All fields').click();
    await page.getByText(ownerName, { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await page.getByRole('switch', { name: 'Public' }).count()).toBe(0);
  });
});
