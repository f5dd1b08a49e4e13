import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createUser, ensureInstitution, unique, waitUntilParsed, type ApiSession } from './support/api-session.js';
import { browserHooks, openBrowser, saveScreenshot, type E2eBrowser } from './support/browser.js';
import { ADMIN } from './support/server.js';
import { signIn } from './support/ui.js';

const baseUrl = inject('baseUrl');

/** The real Arbin export (2 cycles) cut where cycle 2 starts: a test resumed into a second file. */
function halves(): Uint8Array<ArrayBuffer>[] {
  const [header, ...rows] = readFileSync(resolve('../shared/fixtures/arbin/arbin_example.csv'), 'latin1').split(/\r?\n/).filter((l) => l.length > 0);
  const cut = rows.findIndex((l) => l.split(',')[5] === '2');
  const text = (part: string[]) => new Uint8Array(Buffer.from([header, ...part].join('\r\n') + '\r\n', 'latin1'));
  return [text(rows.slice(0, cut)), text(rows.slice(cut))];
}

describe('a test resumed into a new file: linked on its page, plotted joined', () => {
  let browser: E2eBrowser;
  let session: ApiSession;
  let ids: number[];

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    const user = await createUser(baseUrl, admin, unique('fay'), await ensureInstitution(admin, unique('Lab')));
    session = user.session;
    const experimentId = (await session.request<{ id: number }>('POST', '/api/v1/experiments', { name: unique('Resumed test') })).id;
    ids = [];
    for (const [i, bytes] of halves().entries()) {
      const form = new FormData();
      form.append('file', new Blob([bytes]), `part-${i + 1}.csv`);
      ids.push((await session.upload<{ dataFileId: number }>(`/api/v1/experiments/${experimentId}/files`, form)).dataFileId);
    }
    await waitUntilParsed(session, ids);
    browser = await openBrowser(baseUrl);
    await signIn(browser.page, user.username, user.password);
  });
  browserHooks(() => browser);

  it('offers the earlier file as the suggested one and saves the choice', async () => {
    const { page } = browser;
    await page.goto(`/data-files/${ids[1]}`);
    const picker = page.getByLabel('Continues the test of');
    await picker.locator('option', { hasText: 'suggested' }).waitFor({ state: 'attached', timeout: 30_000 });
    expect(await picker.locator('option', { hasText: 'suggested' }).getAttribute('value')).toBe(String(ids[0]));
    await picker.selectOption(String(ids[0]));
    await expect.poll(async () => (await session.request<{ continues_id: number | null }>('GET', `/api/v1/data-files/${ids[1]}`)).continues_id, { timeout: 30_000 }).toBe(ids[0]);
  });

  it('plots the second file alone, then joined: its cycle table grows from one cycle to both', async () => {
    const { page } = browser;
    const rows = page.getByRole('table', { name: 'Cycle summary' }).locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(1);
    await page.getByLabel(/Joined with the files it continues/).check();
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(2);
    await saveScreenshot(page, 'joined-files');
  });
});
