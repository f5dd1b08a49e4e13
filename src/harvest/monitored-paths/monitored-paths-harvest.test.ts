import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type Page, type Row } from '../../../tests/setup/api-json.js';
import { serveTestApp, type ServedTestApp } from '../../../tests/setup/serve-test-app.js';
import { createTestApp, type TestApp, type TestUser } from '../../../tests/setup/test-app.js';
import { harvestMonitoredPathsOnce, runMonitoredPaths, type MonitoredHarvestOptions } from './run-monitored-paths.js';
import type { WatchedPath } from './monitored-paths-api.js';

const ARBIN = '../shared/fixtures/arbin';

/**
 * `liionsden harvest --name NAME` against a real server: a folder of real cycler files, placed by
 * the monitored path's rules (channel → device), its default experiment, or left unassigned until a
 * person assigns it; a paused path is skipped.
 */
describe('harvesting monitored paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'monitored-'));
  const folder = join(dir, 'arbin');
  let t: TestApp;
  let user: TestUser;
  let served: ServedTestApp;
  let opts: MonitoredHarvestOptions;
  let channels: Row;
  let fallback: Row;
  let equipment: Row;
  let ch8: Row;
  let spare: Row;
  let path: Row;

  const post = async (url: string, body: unknown, status = 201) => expectJson(await t.call('POST', url, user, body), status);
  const filesOf = async (experiment: Row) => (await expectJson<Page>(await t.call('GET', `/api/v1/data-files?experiment_id=${experiment.id}&sort=name`, user))).items;

  beforeAll(async () => {
    t = await createTestApp({ config: { dataDir: join(dir, 'data') } });
    user = await t.createUser('contributor');
    served = await serveTestApp(t.app);
    const types = (await expectJson<Page>(await t.call('GET', '/api/v1/device-types?name=Single%20cell', user))).items;
    const spec = await post('/api/v1/specifications', { name: 'Arbin cells', device_type_id: types[0].id });
    const batch = await post('/api/v1/batches', { name: 'FastCharge', specification_id: spec.id, serial_template: 'CH%d' });
    ch8 = await post('/api/v1/devices', { batch_id: batch.id, sequence: 8 });
    spare = await post('/api/v1/devices', { batch_id: batch.id, sequence: 40 });
    channels = await post('/api/v1/experiments', { name: 'by channel' });
    fallback = await post('/api/v1/experiments', { name: 'default' });
    equipment = await post('/api/v1/equipment', { name: 'Arbin BT2000' });
    mkdirSync(folder, { recursive: true });
    for (const name of ['FastCharge_000025_CH8.csv', '2017-05-09_test-TC-contact_CH33.csv', 'sample_data_arbin.csv']) copyFileSync(join(ARBIN, name), join(folder, name));
    path = await post('/api/v1/monitored-paths', {
      name: 'Arbin PC',
      harvester_name: 'arbin-pc',
      folder,
      glob: '*.csv',
      equipment_id: equipment.id,
      default_experiment_id: fallback.id,
      rules: [{ syntax: 'regex', pattern: '_(?<channel>CH\\d+)\\.csv$', experiment_id: channels.id, device: { kind: 'group', group: 'channel', match: 'serial' } }],
    });
    // Not this harvester's, and paused: neither is touched.
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    copyFileSync(join(ARBIN, 'arbin.csv'), join(elsewhere, 'arbin.csv'));
    await post('/api/v1/monitored-paths', { name: 'other PC', harvester_name: 'other-pc', folder: elsewhere, default_experiment_id: fallback.id });
    await post('/api/v1/monitored-paths', { name: 'paused', harvester_name: 'arbin-pc', folder: elsewhere, default_experiment_id: fallback.id, enabled: false });
    opts = { server: `http://127.0.0.1:${served.port}`, token: user.headers.authorization.slice('Bearer '.length), harvesterName: 'arbin-pc', stateDir: join(dir, 'state'), backoffMs: 50, maxBackoffMs: 200, intervalS: 1 };
  });
  afterAll(async () => {
    await served.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('places each new file by rule or default; a file no rule can place waits unassigned, then is uploaded once assigned', async () => {
    expect(await harvestMonitoredPathsOnce(opts)).toMatchObject({ files: 3, uploaded: 2, unassigned: 1, failed: 0 });
    expect(await filesOf(channels)).toEqual([expect.objectContaining({ name: 'FastCharge_000025_CH8.csv', device_ids: [ch8.id], equipment_id: equipment.id })]);
    expect(await filesOf(fallback)).toEqual([expect.objectContaining({ name: 'sample_data_arbin.csv', device_ids: [], equipment_id: equipment.id })]);

    const waiting = (await expectJson<{ items: Row[] }>(await t.call('GET', '/api/v1/unassigned-files', user))).items;
    expect(waiting).toEqual([expect.objectContaining({ monitored_path_id: path.id, name: '2017-05-09_test-TC-contact_CH33.csv', reason: expect.stringContaining("serial 'CH33'") })]);
    // Not assigned yet: asked again, still waiting, nothing sent.
    expect(await harvestMonitoredPathsOnce(opts)).toMatchObject({ uploaded: 0, unchanged: 2, unassigned: 1 });

    await post(`/api/v1/unassigned-files/${waiting[0].id}/assign`, { experiment_id: channels.id, device_ids: [spare.id] }, 200);
    expect(await harvestMonitoredPathsOnce(opts)).toMatchObject({ uploaded: 1, unchanged: 2, unassigned: 0, failed: 0 });
    expect((await filesOf(channels)).map((f) => [f.name, f.device_ids])).toEqual([
      ['2017-05-09_test-TC-contact_CH33.csv', [spare.id]],
      ['FastCharge_000025_CH8.csv', [ch8.id]],
    ]);
    expect((await expectJson<{ items: Row[] }>(await t.call('GET', '/api/v1/unassigned-files', user))).items).toEqual([]);
    expect(await harvestMonitoredPathsOnce(opts)).toMatchObject({ files: 3, unchanged: 3, uploaded: 0 });
    expect(await filesOf(fallback)).toHaveLength(1); // the other harvester's and the paused path's file: untouched
  });

  it('the long-running harvester picks up new files, and stops watching a path once it is paused', async () => {
    const stop = new AbortController();
    const fetches: WatchedPath[][] = [];
    const fetched = (n: number) => new Promise<void>((resolve) => {
      const check = () => (fetches.length >= n ? resolve() : setTimeout(check, 50));
      check();
    });
    const running = runMonitoredPaths({ ...opts, onPaths: (paths) => fetches.push(paths) }, stop.signal);
    copyFileSync(join(ARBIN, 'arbin_example.csv'), join(folder, 'arbin_example.csv'));
    while (!(await filesOf(fallback)).some((f) => f.name === 'arbin_example.csv')) await new Promise((r) => setTimeout(r, 100));

    await expectJson(await t.call('PATCH', `/api/v1/monitored-paths/${path.id}`, user, { enabled: false }));
    const seen = fetches.length;
    await fetched(seen + 2); // the pause is seen at the next fetch; the one after proves the runner stayed stopped
    expect(fetches.at(-1)).toEqual([]);
    copyFileSync(join(ARBIN, 'arbin.csv'), join(folder, 'arbin.csv'));
    await fetched(fetches.length + 2);
    stop.abort();
    await running;
    expect((await filesOf(fallback)).map((f) => f.name)).toEqual(['arbin_example.csv', 'sample_data_arbin.csv']);
  });
});
