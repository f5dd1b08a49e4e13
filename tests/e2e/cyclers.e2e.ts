import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createUser, ensureInstitution, unique } from './support/api-session.js';
import { browserHooks, openBrowser, type E2eBrowser } from './support/browser.js';
import { ADMIN } from './support/server.js';
import { signIn } from './support/ui.js';

const baseUrl = inject('baseUrl');
const HEADER = 'Data_Point,Test_Time(s),Current(A),Voltage(V)\n';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The "Cyclers" page and the home panel with two channels a harvester feeds (set up through the API,
 * as `liionsden harvest` would): one left alone stalls (the e2e server's usual interval floor is
 * 2 s, so after 6 s), the other keeps growing and stays running.
 */
describe('the channel monitor shows a stalled and a running channel', () => {
  let browser: E2eBrowser;
  let token: string;
  let experimentId: number;
  let keepGrowing = true;
  let appender: Promise<void> = Promise.resolve();
  const harvesterName = unique('cycler-pc');
  const [idleName, busyName] = [unique('idle-ch'), unique('busy-ch')];

  const send = async (path: string, init: RequestInit) => {
    const res = await fetch(`${baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'x-liionsden-harvester': harvesterName, ...init.headers } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { dataFileId: number };
  };
  const upload = async (name: string, bytes: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return (await send(`/api/v1/experiments/${experimentId}/files`, { method: 'POST', body: form })).dataFileId;
  };
  const appendRow = async (file: { id: number; bytes: Buffer }, row: number) => {
    const more = Buffer.from(`${row},${row},1,${(3.5 + row / 1e4).toFixed(4)}\n`);
    await send(`/api/v1/data-files/${file.id}/append?offset=${file.bytes.length}&tailSha256=${sha(file.bytes.subarray(-65536))}`, { method: 'POST', body: new Uint8Array(more), headers: { 'content-type': 'application/octet-stream' } });
    file.bytes = Buffer.concat([file.bytes, more]);
  };

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    const owner = await createUser(baseUrl, admin, unique('cyc'), await ensureInstitution(admin, unique('Lab')));
    token = (await owner.session.request<{ token: string }>('POST', '/api/v1/auth/tokens', { name: 'harvester' })).token;
    experimentId = (await owner.session.request<{ id: number }>('POST', '/api/v1/experiments', { name: unique('monitored'), status: 'private' })).id;
    await send('/api/v1/harvesters/heartbeat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: harvesterName, host: 'lab-pc', version: '0.1.0', startedAt: new Date().toISOString(), intervalS: 60, pathsCount: 1, files: 2 }) });
    const idle = { id: 0, bytes: Buffer.from(`${HEADER}1,0,0,3.5\n`) };
    idle.id = await upload(idleName, idle.bytes);
    await appendRow(idle, 2);
    const busy = { id: 0, bytes: Buffer.from(`${HEADER}1,0,0,3.4\n`) };
    busy.id = await upload(busyName, busy.bytes);
    appender = (async () => {
      for (let row = 2; keepGrowing; row++) {
        await appendRow(busy, row);
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    browser = await openBrowser(baseUrl);
    await signIn(browser.page, owner.username, owner.password);
  });
  afterAll(async () => {
    keepGrowing = false;
    await appender;
  });
  browserHooks(() => browser);

  it('lists the harvester online and the two channels with their state badges', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cyclers' }).click();
    await page.locator(`tr[data-harvester="${harvesterName}"]`).getByText('online').waitFor();
    const idleRow = page.locator(`tr[data-channel="${idleName}"]`);
    const busyRow = page.locator(`tr[data-channel="${busyName}"]`);
    for (let i = 0; i < 60 && (await idleRow.locator('.badge-channel-stalled').count()) === 0; i++) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(1000);
    }
    await idleRow.locator('.badge-channel-stalled').waitFor();
    expect(await busyRow.locator('.badge').textContent()).toBe('running');
    await idleRow.getByRole('link', { name: idleName }).waitFor();
  });

  it('shows the stalled channel, not the running one, on the home page', async () => {
    const { page } = browser;
    await page.goto('/');
    const panel = page.getByRole('complementary', { name: 'Channels needing attention' });
    await panel.getByRole('link', { name: idleName }).waitFor();
    expect(await panel.getByRole('link', { name: busyName }).count()).toBe(0);
  });
});
