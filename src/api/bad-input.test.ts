import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type ErrorBody, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { entityRegistry } from '../entities/entity-registry.js';
import { MAX_INPUT_DEPTH } from './input-guard.js';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.createUser('administrator');
});
afterAll(async () => t.close());

/** The 400 of a request, with the fields its issues name. */
async function refused(res: Response): Promise<{ message: string; fields: string[] }> {
  const body = await expectJson<ErrorBody>(res, 400);
  expect(body.error.code).toBe('VALIDATION');
  return { message: body.error.message, fields: (body.error.issues ?? []).map((i) => i.field) };
}

describe('NUL characters are a 400 naming the field, never a 500', () => {
  it.each(['q=a%00b', 'name=a%00b', 'name__contains=%00', 'sort=name%00'])('in the query ?%s', async (query) => {
    const { fields } = await refused(await t.call('GET', `/api/v1/batches?${query}`, admin));
    expect(fields).toContain(query.split('=')[0]);
  });

  it.each(entityRegistry.map((def) => def.plural))('in the name and notes of %s, on create and on update', async (plural) => {
    expect((await refused(await t.call('POST', `/api/v1/${plural}`, admin, { name: 'a\u0000b' }))).fields).toContain('name');
    expect((await refused(await t.call('PATCH', `/api/v1/${plural}/1`, admin, { notes: 'x\u0000' }))).fields).toEqual(['notes']);
  });

  it('in an attribute key or value', async () => {
    const key = await refused(await t.call('POST', '/api/v1/organisations', admin, { name: 'Lab', attributes: { 'k\u0000': 1 } }));
    expect(key.fields).toEqual(['attributes.k\\u0000']);
    const value = await refused(await t.call('POST', '/api/v1/organisations', admin, { name: 'Lab', attributes: { k: ['ok', 'x\u0000'] } }));
    expect(value.fields).toEqual(['attributes.k.1']);
  });

  it('in the login username', async () => {
    const { fields } = await refused(await t.call('POST', '/api/v1/auth/login', null, { username: `${admin.username}\u0000`, password: admin.password }));
    expect(fields).toEqual(['username']);
  });
});

describe('deeply nested JSON', () => {
  const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('refuses attributes nested 100,000 levels deep with a 400 naming the field', async () => {
    const res = await t.call('POST', '/api/v1/organisations', admin, `{"name":"Deep","attributes":{"a":${nested(100_000)}}}`);
    const { message, fields } = await refused(res);
    expect(fields[0]).toMatch(/^attributes\.a(\.0)+$/);
    expect(message).toContain(`nested deeper than ${MAX_INPUT_DEPTH} levels`);
  });

  it('stores attributes just within the limit', async () => {
    const res = await t.call('POST', '/api/v1/organisations', admin, `{"name":"Nested","attributes":{"a":${nested(MAX_INPUT_DEPTH - 2)}}}`);
    expect((await expectJson<Row>(res, 201)).attributes).toHaveProperty('a');
  });
});

describe('numbers too large for the server', () => {
  it.each(['dataFiles=99999999999999999999', 'dataFiles=1-99999999999999999999'])('an id list ?%s is a 400, not a crashed process', async (query) => {
    expect((await refused(await t.call('GET', `/api/v1/compare/cycles?${query}`, admin))).fields).toEqual(['dataFiles']);
  });
});

describe('dates that do not exist and numbers out of range name their field', () => {
  it.each(['manufactured_on__gte=2024-02-30', 'created_at__lt=0000-01-01', 'size__gt=1e400'])('filter ?%s', async (query) => {
    expect((await refused(await t.call('GET', `/api/v1/batches?${query}`, admin))).fields).toEqual([query.split('=')[0]]);
  });

  it('a batch manufactured on 2024-02-30', async () => {
    const res = await t.call('POST', '/api/v1/batches', admin, { name: 'Leap', specification_id: 1, manufactured_on: '2024-02-30' });
    expect((await refused(res)).fields).toEqual(['manufactured_on']);
  });
});
