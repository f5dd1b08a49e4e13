import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type Page, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

let t: TestApp;
let owner: TestUser;
let maintainer: TestUser;
let admin: TestUser;
let others: TestUser[];

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createUser('contributor');
  maintainer = await t.createUser('maintainer');
  admin = await t.createUser('administrator');
  others = [owner, await t.createUser('contributor'), await t.createUser('read_only'), await t.createUser('user_manager')];
});
afterAll(() => t.close());

type History = { action: string; changes: Record<string, { old: unknown; new: unknown }> }[];

describe.each([
  ['experiments', { name: 'Trash test experiment' }],
  ['equipment', { name: 'Trash test cycler' }],
])('the trash of %s', (plural, fields) => {
  it('lists deleted records to maintainers only and restores them to their earlier status, with history', async () => {
    const create = async (name: string, status: 'private' | 'public') => (await expectJson(await t.call('POST', `/api/v1/${plural}`, owner, { ...fields, name, status }), 201)).id;
    const wasPublic = await create(`${fields.name} (public)`, 'public');
    const wasPrivate = await create(`${fields.name} (private)`, 'private');
    const live = await create(`${fields.name} (live)`, 'private');
    for (const id of [wasPublic, wasPrivate]) expect((await t.call('DELETE', `/api/v1/${plural}/${id}`, maintainer)).status).toBe(204);

    // The trash: maintainers and administrators see exactly the deleted ones, filters apply.
    for (const who of [maintainer, admin]) {
      const trash = await expectJson<Page>(await t.call('GET', `/api/v1/${plural}/deleted?q=${encodeURIComponent(fields.name)}&sort=name`, who));
      expect(trash.items.map((r) => r.id)).toEqual([wasPrivate, wasPublic]);
      expect(trash.total).toBe(2);
      expect(trash.items.every((r) => r.status === 'deleted')).toBe(true);
    }
    // Everyone else, the owner and anonymous visitors included, gets an empty trash and may not restore.
    for (const who of [...others, null]) {
      expect((await expectJson<Page>(await t.call('GET', `/api/v1/${plural}/deleted`, who))).total).toBe(0);
      if (who) expect((await t.call('POST', `/api/v1/${plural}/${wasPublic}/restore`, who)).status).toBe(403);
    }
    expect((await t.call('POST', `/api/v1/${plural}/${wasPublic}/restore`, null)).status).toBe(401);
    // A live record is not in the trash: nothing to restore.
    expect((await t.call('POST', `/api/v1/${plural}/${live}/restore`, maintainer)).status).toBe(404);

    expect((await expectJson<Row>(await t.call('POST', `/api/v1/${plural}/${wasPublic}/restore`, maintainer))).status).toBe('public');
    expect((await expectJson<Row>(await t.call('POST', `/api/v1/${plural}/${wasPrivate}/restore`, admin))).status).toBe('private');
    // Back in the lists of those who may see them, out of the trash.
    const ownerList = await expectJson<Page>(await t.call('GET', `/api/v1/${plural}?q=${encodeURIComponent(fields.name)}`, owner));
    expect(ownerList.items.map((r) => r.id).sort()).toEqual([wasPublic, wasPrivate, live].sort());
    expect((await expectJson<Page>(await t.call('GET', `/api/v1/${plural}/deleted?q=${encodeURIComponent(fields.name)}`, maintainer))).total).toBe(0);
    const history = await expectJson<History>(await t.call('GET', `/api/v1/${plural}/${wasPublic}/history`, owner));
    expect(history.map((h) => h.action)).toEqual(['create', 'delete', 'update']);
    expect(history[2].changes.status).toEqual({ old: 'deleted', new: 'public' });
  });
});
