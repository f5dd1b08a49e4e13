import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson as json, type ErrorBody, type Page, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

describe('batch serial templates are bounded', () => {
  let t: TestApp;
  let alice: TestUser;
  let spec: Row;
  beforeAll(async () => {
    t = await createTestApp();
    alice = await t.createUser('contributor');
    const types = (await json<Page>(await t.call('GET', '/api/v1/device-types', alice))).items;
    spec = await json(await t.call('POST', '/api/v1/specifications', alice, { name: 'Cell', device_type_id: types[0].id }), 201);
  });
  afterAll(async () => t.close());

  const batch = async (name: string, serial_template?: string) => json(await t.call('POST', '/api/v1/batches', alice, { name, specification_id: spec.id, serial_template }), 201);
  const issues = async (res: Response) => (await json<ErrorBody>(res, 400)).error.issues?.map((i) => i.field);

  it.each(['%0400000000d', '%0100000d', 'LOT-%0197d'])('refuses %s on create and on update with a 400', async (template) => {
    expect(await issues(await t.call('POST', '/api/v1/batches', alice, { name: 'Wide', specification_id: spec.id, serial_template: template }))).toEqual(['serial_template']);
    const ok = await batch(`Narrow ${template}`, 'N-%03d');
    expect(await issues(await t.call('PATCH', `/api/v1/batches/${ok.id}`, alice, { serial_template: template }))).toEqual(['serial_template']);
  });

  it('a template stored before the bound gives a 400 at once, and can be corrected', async () => {
    const old = await batch('Legacy', 'L-%03d');
    await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: old.id, sequence: 1, serial: 'HAND-1' }), 201);
    await t.deps.db.updateTable('batches').set({ serial_template: '%0400000000d' }).where('id', '=', old.id).execute();
    expect(await issues(await t.call('POST', '/api/v1/devices', alice, { batch_id: old.id }))).toEqual(['serial_template']);
    await json(await t.call('PATCH', `/api/v1/batches/${old.id}`, alice, { serial_template: 'L-%03d' }));
    expect(await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: old.id }), 201)).toMatchObject({ serial: 'L-002' });
  });

  it('checks the generated serial: a long batch name without a template needs a serial given', async () => {
    const long = await batch('B'.repeat(300));
    const res = await t.call('POST', '/api/v1/devices', alice, { batch_id: long.id });
    expect(await issues(res)).toEqual(['serial']);
    expect(await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: long.id, serial: 'B-1' }), 201)).toMatchObject({ serial: 'B-1' });
  });

  it('accepts a template whose widest serial is exactly 200 characters', async () => {
    const wide = await batch('Wide ok', 'LOT-%0196d');
    expect(((await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: wide.id }), 201)).serial as string).length).toBe(200);
  });
});
