import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson as json, type ErrorBody, type Page, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

// Answers to writes must not reveal records the writer cannot see (issue 18 item 8): names, DOIs,
// devices of a batch, database constraint names. Runs on PGlite and PostgreSQL.
describe('writes answer without revealing hidden records', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let lab: number;
  beforeAll(async () => {
    t = await createTestApp();
    lab = (await t.handle.db.insertInto('organisations').values({ name: 'Oracle Lab', status: 'public' }).returning('id').executeTakeFirstOrThrow()).id;
    alice = await t.createUser('contributor', { institutionId: lab });
    bob = await t.createUser('contributor', { institutionId: lab });
  });
  afterAll(async () => t?.close());

  it.each([
    ['experiments', (v: string) => ({ name: `Secret ${v}` })],
    ['references', (v: string) => ({ name: `Paper ${v}`, doi: `10.1000/secret-${v}` })],
    ['organisations', (v: string) => ({ name: `Hidden org ${v}` })],
  ] as const)('%s: another user\'s private name or DOI does not conflict; a visible one does (409)', async (plural, body) => {
    await json(await t.call('POST', `/api/v1/${plural}`, alice, { ...body('p'), status: 'private' }), 201);
    // Bob cannot see alice's record: his own with the same name or DOI is created (was 409 "already exists").
    await json(await t.call('POST', `/api/v1/${plural}`, bob, { ...body('p'), status: 'private' }), 201);
    // Alice's own second one conflicts: she sees the first.
    const own = await json<ErrorBody>(await t.call('POST', `/api/v1/${plural}`, alice, { ...body('p'), status: 'private' }), 409);
    expect(own.error.code).toBe('CONFLICT');
    expect(JSON.stringify(own)).not.toMatch(/_own|_live/);
    // A public one conflicts for everyone: everyone sees it.
    await json(await t.call('POST', `/api/v1/${plural}`, alice, { ...body('q'), status: 'public' }), 201);
    await json(await t.call('POST', `/api/v1/${plural}`, bob, { ...body('q'), status: 'public' }), 409);
  });

  it('a private device in a public batch: the answer names neither the device nor its privacy', async () => {
    const types = (await json<Page>(await t.call('GET', '/api/v1/device-types?name=Single%20cell', alice))).items;
    const spec = await json(await t.call('POST', '/api/v1/specifications', alice, { name: 'Oracle cell', device_type_id: types[0].id, status: 'public' }), 201);
    const batch = await json(await t.call('POST', '/api/v1/batches', alice, { name: 'Oracle lot', specification_id: spec.id, serial_template: 'SECRET-%02d', status: 'public' }), 201);
    const device: Row = await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence: 1, status: 'private' }), 201);
    const res = await json<ErrorBody>(await t.call('POST', '/api/v1/experiments', bob, { name: 'Probe', devices: [{ batch_id: batch.id, sequence: 1 }] }), 400);
    const text = JSON.stringify(res);
    expect(text).not.toMatch(/private|owner|exists|SECRET/i);
    expect(text).not.toContain(`"${device.id}"`);
    expect(res.error.message).toContain(`place 1 of batch ${batch.id} is not available`);
  });

  it('a reference to a missing record is named by its field, never by a database constraint', async () => {
    const res = await json<ErrorBody>(await t.call('POST', '/api/v1/people', alice, { name: 'Probe person', short_name: 'pp', organisation_id: 987654 }), 400);
    expect(JSON.stringify(res)).not.toMatch(/_fkey|people_/);
    expect(res.error.issues).toEqual([{ field: 'organisation_id', message: 'no visible record with id 987654' }]);
  });

  it("a person links to the writer's own account only: another's id and a missing id get the same answer", async () => {
    const answers = [];
    for (const userId of [bob.id, 987654]) {
      const res = await json<ErrorBody>(await t.call('POST', '/api/v1/people', alice, { name: `Probe ${userId}`, user_id: userId }), 400);
      answers.push(res.error.issues);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toEqual([{ field: 'user_id', message: expect.stringContaining('your own account only') }]);
    await json(await t.call('POST', '/api/v1/people', alice, { name: 'Alice herself', user_id: alice.id }), 201);
    const manager = await t.createUser('user_manager');
    await json(await t.call('POST', '/api/v1/people', manager, { name: 'Bob, linked by a manager', user_id: bob.id }), 201);
  });
});
