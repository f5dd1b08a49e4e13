import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, ensureInstitution, unique, type ApiSession } from './support/api-session.js';
import { openBrowser, type E2eBrowser } from './support/browser.js';
import { ADMIN } from './support/server.js';
import { chooseOption, signIn } from './support/ui.js';

const baseUrl = inject('baseUrl');

describe('accounts: register → approve → sign in', () => {
  let admin: ApiSession;
  let visitor: E2eBrowser;
  let manager: E2eBrowser;
  const institution = unique('Imperial');
  const username = unique('alice');
  const password = 'correct horse battery';

  beforeAll(async () => {
    admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    await ensureInstitution(admin, institution);
    visitor = await openBrowser(baseUrl);
    manager = await openBrowser(baseUrl);
  });
  afterAll(async () => {
    await visitor?.close();
    await manager?.close();
  });

  it('sends visitors to sign in, and shows field messages from the API on registration', async () => {
    const { page } = visitor;
    await page.goto('/experiments');
    await page.waitForURL(/\/login\?next=%2Fexperiments/);
    await page.getByRole('link', { name: 'Register' }).last().click();
    await page.getByLabel('Username').fill('x');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await chooseOption(page, 'Institution *', institution);
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.locator('.field-error').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.field-invalid').filter({ hasText: 'Username' }).locator('.field-error').textContent()).toMatch(/3-50/);
  });

  it('registers, waits for approval, and cannot sign in before it', async () => {
    const { page } = visitor;
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Full name').fill('Alice Tester');
    await page.getByLabel('Email').fill(`${username}@example.org`);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('status').filter({ hasText: 'waits for approval' }).waitFor();

    await page.goto('/login');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(page.url()).toContain('/login');
  });

  it('a user manager approves the account with a role', async () => {
    const { page } = manager;
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('link', { name: 'Users' }).click();
    const row = page.getByRole('row').filter({ hasText: username });
    await row.getByLabel(`Role of ${username}`).selectOption('contributor');
    await row.getByRole('button', { name: `Approve ${username}` }).click();
    await row.getByText('active').waitFor();
  });

  it('the approved user signs in, sees the app, and signs out', async () => {
    const { page } = visitor;
    await signIn(page, username, password);
    await page.getByRole('heading', { name: /Welcome, Alice Tester/ }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto('/experiments');
    await page.waitForURL(/\/login/);
  });

  it('shows a 404 page for unknown addresses', async () => {
    const { page } = manager;
    await page.goto('/no/such/page/here');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.goto('/not-an-entity');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  });
});
