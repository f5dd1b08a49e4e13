import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createUser, ensureInstitution, unique } from './support/api-session.js';
import { browserHooks, openBrowser, type E2eBrowser } from './support/browser.js';
import { ADMIN } from './support/server.js';
import { chooseOption, signIn } from './support/ui.js';

const baseUrl = inject('baseUrl');

describe('a person assigns a file no rule of its monitored path placed', () => {
  let browser: E2eBrowser;
  let owner: Awaited<ReturnType<typeof createUser>>;
  let pathId: number;
  let experimentId: number;
  const experimentName = unique('channel run');
  const fileName = `${unique('loose')}.csv`;

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    const institution = await ensureInstitution(admin, unique('Lab'));
    owner = await createUser(baseUrl, admin, unique('ada'), institution);
    experimentId = (await owner.session.request<{ id: number }>('POST', '/api/v1/experiments', { name: experimentName })).id;
    pathId = (await owner.session.request<{ id: number }>('POST', '/api/v1/monitored-paths', { name: unique('Arbin PC'), harvester_name: 'arbin-pc', folder: '/data/arbin' })).id;
    // What the harvester does for a new file: ask where it goes; no rule and no default → it waits.
    const placed = await owner.session.request<{ files: { source: string }[] }>('POST', `/api/v1/monitored-paths/${pathId}/placements`, { files: [{ name: fileName, size_bytes: 2048 }] });
    expect(placed.files[0].source).toBe('unassigned');
    browser = await openBrowser(baseUrl);
    await signIn(browser.page, owner.username, owner.password);
  });
  browserHooks(() => browser);

  it('lists the waiting file, and Assign sends it to the chosen experiment', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Unassigned files' }).click();
    await page.getByRole('cell', { name: fileName, exact: true }).waitFor();
    await page.getByRole('cell', { name: 'no rule matches and the path has no default experiment' }).waitFor();
    await chooseOption(page, `Experiment for ${fileName}`, experimentName);
    await page.getByRole('button', { name: `Assign ${fileName}` }).click();
    await page.getByText('No file is waiting.').waitFor();
    const placed = await owner.session.request<{ files: { source: string; experiment_id: number }[] }>('POST', `/api/v1/monitored-paths/${pathId}/placements`, { files: [{ name: fileName, size_bytes: 2048 }] });
    expect(placed.files[0]).toMatchObject({ source: 'assigned', experiment_id: experimentId });
  });
});
