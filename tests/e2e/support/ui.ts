import type { Page } from 'playwright-core';

/** Signs in through the login form and waits for the app shell. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Picks an option of a labelled select by its visible text (waits until the option loaded). */
export async function chooseOption(page: Page, label: string | RegExp, optionText: string): Promise<void> {
  const select = page.getByLabel(label, { exact: typeof label === 'string' ? true : undefined });
  await select.locator('option', { hasText: optionText }).first().waitFor({ state: 'attached' });
  const value = await select.locator('option', { hasText: optionText }).first().getAttribute('value');
  await select.selectOption(value ?? '');
}
