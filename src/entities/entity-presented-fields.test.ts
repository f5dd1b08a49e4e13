import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

type Json = Record<string, unknown>;

// Fields every record carries out of the API besides its columns: who owns it, and whether the caller may change it.
describe('owner_username and can_edit', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let reader: TestUser;
  let maintainer: TestUser;
  const get = async (path: string, user: TestUser) => (await t.call('GET', path, user)).json() as Promise<Json>;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.createUser('contributor');
    other = await t.createUser('contributor');
    reader = await t.createUser('read_only');
    maintainer = await t.createUser('maintainer');
  });
  afterAll(async () => t.close());

  it('names the owner of one record read or written (not in lists and exports); seeded records have none', async () => {
    const mine = { owner_id: owner.id, owner_username: owner.username };
    const created = (await (await t.call('POST', '/api/v1/experiments', owner, { name: 'Owned', status: 'public' })).json()) as Json;
    expect(created).toMatchObject({ ...mine, can_edit: true });
    expect(await get(`/api/v1/experiments/${String(created.id)}`, reader)).toMatchObject({ ...mine, can_edit: false });
    const updated = (await (await t.call('PATCH', `/api/v1/experiments/${String(created.id)}`, owner, { notes: 'n' })).json()) as Json;
    expect(updated).toMatchObject(mine);
    const listed = ((await get('/api/v1/experiments', reader)).items as Json[])[0];
    expect(listed).toMatchObject({ owner_id: owner.id, can_edit: false });
    expect(listed).not.toHaveProperty('owner_username');
    const exported = (await (await t.call('GET', '/api/v1/experiments/export?format=json', reader)).json()) as Json[];
    expect(exported[0]).toMatchObject({ owner_id: owner.id });
    const units = await get('/api/v1/units?page_size=1', reader);
    const unit = await get(`/api/v1/units/${String((units.items as Json[])[0].id)}`, reader);
    expect(unit).toMatchObject({ owner_id: null, owner_username: null, can_edit: false });
  });

  it('says who may edit, by the rule the writes enforce', async () => {
    const experiment = (await (await t.call('POST', '/api/v1/experiments', owner, { name: 'Public experiment', status: 'public' })).json()) as Json;
    const protocol = (await (await t.call('POST', '/api/v1/protocols', owner, { name: 'Public protocol', type: 'experimental', status: 'public', steps: ['Rest for 1 hour'] })).json()) as Json;
    const cases: [string, TestUser, boolean][] = [
      [`/api/v1/experiments/${String(experiment.id)}`, owner, true], // experiments stay editable by their owner
      [`/api/v1/experiments/${String(experiment.id)}`, other, false],
      [`/api/v1/experiments/${String(experiment.id)}`, reader, false],
      [`/api/v1/experiments/${String(experiment.id)}`, maintainer, true],
      [`/api/v1/protocols/${String(protocol.id)}`, owner, false], // shared reference data locks once public
      [`/api/v1/protocols/${String(protocol.id)}`, maintainer, true],
    ];
    for (const [path, user, canEdit] of cases) {
      expect({ path, role: user.role, can_edit: (await get(path, user)).can_edit }).toEqual({ path, role: user.role, can_edit: canEdit });
      // And the write agrees.
      const res = await t.call('PATCH', path, user, { notes: `by ${user.username}` });
      expect({ path, role: user.role, status: res.status }).toEqual({ path, role: user.role, status: canEdit ? 200 : 403 });
    }
  });
});
