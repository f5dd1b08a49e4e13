import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { createApp } from '../api/app.js';
import { seedDataFile, seedDevice } from '../series/data-api-seed.js';
import { openBlobStore } from '../storage/open-blob-store.js';

/**
 * A data file is visible only while its experiment is: deleting the experiment or making it
 * private hides its files from every read (detail, raw bytes, series, exports, cycles, compare,
 * history, lists), for signed-in users and anonymous readers alike; restoring brings them back.
 */
describe('data files follow their experiment', () => {
  let dir: string;
  let t: TestApp;
  let anonRead: OpenAPIHono;
  let owner: TestUser;
  let other: TestUser;
  let maintainer: TestUser;
  let fileId: number;
  let experimentId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parent-vis-'));
    t = await createTestApp({ config: { dataDir: dir } });
    anonRead = createApp({ ...t.deps, config: { ...t.deps.config, anonymousRead: true } });
    owner = await t.createUser('contributor');
    other = await t.createUser('contributor');
    maintainer = await t.createUser('maintainer');
    const device = await seedDevice(t.handle.db, owner.id, {});
    const file = await seedDataFile(t.handle.db, openBlobStore(t.deps.config), { ownerId: owner.id, status: 'public', deviceId: device.deviceId, dir, cycles: 2 });
    fileId = file.id;
    experimentId = (await t.handle.db.selectFrom('data_files').select('experiment_id').where('id', '=', fileId).executeTakeFirstOrThrow()).experiment_id;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const paths = () => [
    `/api/v1/data-files/${fileId}`,
    `/api/v1/data-files/${fileId}/history`,
    `/api/v1/data-files/${fileId}/raw`,
    `/api/v1/data-files/${fileId}/series?columns=Voltage / V&maxPoints=100`,
    `/api/v1/data-files/${fileId}/export?format=csv`,
    `/api/v1/data-files/${fileId}/cycles`,
    `/api/v1/data-files/${fileId}/steps`,
    `/api/v1/data-files/${fileId}/voltage-capacity?cycles=1`,
    `/api/v1/compare/cycles?dataFiles=${fileId}`,
  ];

  /** Status of every data endpoint, and whether the file is in the data files list, for each actor. */
  async function seenBy(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const actors: [string, (path: string) => Promise<Response>][] = [
      ['owner', (p) => t.call('GET', p, owner)],
      ['other', (p) => t.call('GET', p, other)],
      ['maintainer', (p) => t.call('GET', p, maintainer)],
      ['anonymous_read', async (p) => anonRead.request(p)],
    ];
    for (const [actor, get] of actors) {
      const statuses = [];
      for (const path of paths()) statuses.push((await get(path)).status);
      const list = await get(`/api/v1/data-files?page_size=500`);
      const listed = list.status === 200 && ((await list.json()) as { items: { id: number }[] }).items.some((r) => r.id === fileId);
      out[actor] = `${[...new Set(statuses)].join('/')} ${listed ? 'listed' : 'unlisted'}`;
    }
    return out;
  }

  const setExperiment = (status: 'public' | 'private') => t.call('PATCH', `/api/v1/experiments/${experimentId}`, owner, { status });

  it('public experiment: everyone who may read sees the file; the experiment counts it as going with it', async () => {
    const experiment = (await (await t.call('GET', `/api/v1/experiments/${experimentId}`, owner)).json()) as { dependents: unknown };
    expect(experiment.dependents).toEqual([{ path: 'data-files', count: 1 }]);
    expect(await seenBy()).toEqual({ owner: '200 listed', other: '200 listed', maintainer: '200 listed', anonymous_read: '200 listed' });
  });

  it('private experiment: only its owner and maintainers see the file, though the file says public', async () => {
    expect((await setExperiment('private')).status).toBe(200);
    expect(await seenBy()).toEqual({ owner: '200 listed', other: '404 unlisted', maintainer: '200 listed', anonymous_read: '404 unlisted' });
    expect((await setExperiment('public')).status).toBe(200);
  });

  it('deleted experiment: nobody reads the file, nor edits it; restoring the experiment brings it back', async () => {
    expect((await t.call('DELETE', `/api/v1/experiments/${experimentId}`, owner)).status).toBe(204);
    expect(await seenBy()).toEqual({ owner: '404 unlisted', other: '404 unlisted', maintainer: '404 unlisted', anonymous_read: '404 unlisted' });
    expect((await t.call('PATCH', `/api/v1/data-files/${fileId}`, owner, { notes: 'still here?' })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/data-files/${fileId}/reprocess`, owner)).status).toBe(404);
    expect((await t.call('POST', `/api/v1/experiments/${experimentId}/restore`, maintainer)).status).toBe(200);
    expect(await seenBy()).toEqual({ owner: '200 listed', other: '200 listed', maintainer: '200 listed', anonymous_read: '200 listed' });
  });
});
