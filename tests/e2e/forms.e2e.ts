import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createUser, ensureInstitution, unique } from './support/api-session.js';
import { browserHooks, openBrowser, type E2eBrowser } from './support/browser.js';
import { ADMIN } from './support/server.js';
import { chooseOption, signIn } from './support/ui.js';

const baseUrl = inject('baseUrl');

describe('create a specification, a batch and an experiment through the forms', () => {
  let browser: E2eBrowser;
  const spec = unique('NMC811 pouch');
  const batch = unique('Batch A');
  const experiment = unique('Cycle ageing 25C');

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    const institution = await ensureInstitution(admin, unique('Lab'));
    const user = await createUser(baseUrl, admin, unique('carol'), institution);
    browser = await openBrowser(baseUrl);
    await signIn(browser.page, user.username, user.password);
  });
  browserHooks(() => browser);

  it('shows the API validation message next to the field', async () => {
    const { page } = browser;
    await page.goto('/specifications/new');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const nameField = page.locator('.field-invalid').filter({ has: page.getByLabel('Name *') });
    await nameField.locator('.field-error').waitFor();
    expect(await nameField.locator('.field-error').textContent()).toMatch(/empty|required|least/i);
  });

  it('creates a specification', async () => {
    const { page } = browser;
    await page.getByLabel('Name *').fill(spec);
    await chooseOption(page, 'Device type *', 'Single cell');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: spec }).waitFor();
    expect(page.url()).toMatch(/\/specifications\/\d+$/);
  });

  it('creates a batch of that specification with "save and add another"', async () => {
    const { page } = browser;
    await page.goto('/batches/new');
    await page.getByLabel('Name *').fill(batch);
    await chooseOption(page, 'Specification *', spec);
    await page.getByLabel('Serial template').fill('ABC-%03d');
    await page.getByRole('button', { name: 'Save and add another' }).click();
    await page.getByRole('status').filter({ hasText: `Saved “${batch}”` }).waitFor();
    expect(await page.getByLabel('Name *').inputValue()).toBe('');
    await page.goto('/batches');
    await page.getByRole('link', { name: batch }).click();
    await page.getByRole('heading', { name: batch }).waitFor();
    await page.getByRole('link', { name: spec }).first().waitFor();
  });

  it('creates an experiment, with a protocol made from inside the form', async () => {
    const { page } = browser;
    const protocol = unique('1C cycling');
    await page.goto('/experiments/new');
    await page.getByLabel('Name *').fill(experiment);
    await page.getByLabel('Date').fill('2026-11-20');
    await page.getByLabel('Temperature (°C)').fill('25');
    await page.getByRole('button', { name: /New protocol/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name *').fill(protocol);
    await dialog.getByLabel('Type *').selectOption('experimental');
    await dialog.getByLabel('Steps').fill('Charge at 1C until 4.2 V\nDischarge at 1C until 2.5 V');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => page.getByLabel('Protocol').locator('option:checked').textContent()).toBe(protocol);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: experiment }).waitFor();
    await page.getByText('Data files').first().waitFor();
  });

  it('edits the experiment and shows the change in its history', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Temperature (°C)').fill('45');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: experiment }).waitFor();
    const history = page.getByRole('region', { name: 'Edit history' });
    await history.getByText(/Temperature \(°C\): 25 → 45/).waitFor();
  });

  it('makes the experiment public with the switch, then deletes it after confirming', async () => {
    const { page } = browser;
    // click, not check(): the switch shows the saved status, so it turns on when the server has answered,
    // which check() (it expects the state to change at once) sometimes does not wait for.
    await page.getByRole('switch', { name: 'Public' }).click();
    await expect.poll(() => page.getByRole('switch', { name: 'Public' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL(/\/experiments$/);
    await page.getByLabel(/Search experiments/).fill(experiment);
    await page.getByText('Nothing found.').waitFor();
  });
});
