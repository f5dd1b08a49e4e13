import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

type Body = { error: { code: string; message: string; issues?: { field: string; message: string }[] } };

describe('entity framework (organisations, people)', () => {
  let t: TestApp;
  let alice: TestUser;
  let maintainer: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    alice = await t.createUser('contributor');
    maintainer = await t.createUser('maintainer');
  });
  afterAll(async () => t.close());

  it('creates, reads, updates, lists, exports and deletes', async () => {
    const created = await t.call('POST', '/api/v1/organisations', alice, { name: 'Imperial College', website: 'https://imperial.ac.uk', is_research: true });
    expect(created.status).toBe(201);
    const org = (await created.json()) as { id: number; owner_id: number; status: string; is_research: boolean };
    expect(org).toMatchObject({ owner_id: alice.id, status: 'private', is_research: true });

    const patched = await t.call('PATCH', `/api/v1/organisations/${org.id}`, alice, { notes: 'London', status: 'public' });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ notes: 'London', status: 'public', is_research: true, website: 'https://imperial.ac.uk' });

    const list = (await (await t.call('GET', '/api/v1/organisations?q=imperial&is_research=true&sort=-name', alice)).json()) as { total: number; items: { id: number }[] };
    expect(list.total).toBe(1);
    expect(list.items[0].id).toBe(org.id);

    const csv = await t.call('GET', '/api/v1/organisations/export?format=csv&name__contains=college', alice);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0].split(',')).toContain('website');
    expect(lines[1]).toContain('Imperial College');

    // Public shared reference data is locked against its owner...
    expect((await t.call('PATCH', `/api/v1/organisations/${org.id}`, alice, { notes: 'x' })).status).toBe(403);
    expect((await t.call('DELETE', `/api/v1/organisations/${org.id}`, alice)).status).toBe(403);
    // ...but not against maintainers.
    expect((await t.call('DELETE', `/api/v1/organisations/${org.id}`, maintainer)).status).toBe(204);
    expect((await t.call('GET', `/api/v1/organisations/${org.id}`, maintainer)).status).toBe(404);
  });

  it('records each changed field in the edit history', async () => {
    const org = (await (await t.call('POST', '/api/v1/organisations', alice, { name: 'History Org' })).json()) as { id: number };
    await t.call('PATCH', `/api/v1/organisations/${org.id}`, alice, { website: 'https://h.example', is_publisher: true, name: 'History Org' });
    await t.call('DELETE', `/api/v1/organisations/${org.id}`, alice);
    const history = (await (await t.call('GET', `/api/v1/organisations/${org.id}/history`, maintainer)).json()) as unknown;
    expect(history).toEqual({ error: expect.objectContaining({ code: 'NOT_FOUND' }) });

    const org2 = (await (await t.call('POST', '/api/v1/organisations', alice, { name: 'History Org 2' })).json()) as { id: number };
    await t.call('PATCH', `/api/v1/organisations/${org2.id}`, alice, { website: 'https://h.example', is_publisher: true, name: 'History Org 2' });
    const entries = (await (await t.call('GET', `/api/v1/organisations/${org2.id}/history`, alice)).json()) as {
      action: string;
      user_id: number;
      username: string;
      changes: Record<string, { old: unknown; new: unknown }>;
    }[];
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[0].changes.name).toEqual({ old: null, new: 'History Org 2' });
    expect(entries[1]).toMatchObject({ user_id: alice.id, username: alice.username });
    expect(entries[1].changes).toEqual({ website: { old: null, new: 'https://h.example' }, is_publisher: { old: false, new: true } });
  });

  it('answers bad input with 400 naming the field, never 500', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/v1/organisations', '{"name": ', '(body)'],
      ['POST', '/api/v1/organisations', { name: 42 }, 'name'],
      ['POST', '/api/v1/organisations', { name: 'x', colour: 'red' }, '(body)'],
      ['POST', '/api/v1/organisations', { name: 'x', website: 'javascript:alert(1)' }, 'website'],
      ['POST', '/api/v1/organisations', { name: 'x', status: 'deleted' }, 'status'],
      ['GET', '/api/v1/organisations?sort=password_hash', undefined, 'sort'],
      ['GET', '/api/v1/organisations?page_size=100000', undefined, 'page_size'],
      ['GET', '/api/v1/organisations?page=-1', undefined, 'page'],
      ['GET', '/api/v1/organisations?nonsense=1', undefined, '(body)'],
      ['GET', '/api/v1/organisations?owner_id=abc', undefined, 'owner_id'],
      ['GET', '/api/v1/organisations?created_at__gte=yesterday', undefined, 'created_at__gte'],
      ['GET', '/api/v1/organisations/abc', undefined, 'id'],
      ['POST', '/api/v1/people', { name: 'P', organisation_id: 999999 }, 'organisation_id'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await t.call(method, path, alice, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      const json = (await res.json()) as Body;
      expect(json.error.code).toBe('VALIDATION');
      if (field !== '(body)') expect(json.error.issues?.map((i) => i.field), `${method} ${path}`).toContain(field);
    }
  });

  it('treats SQL-looking text as text', async () => {
    const res = await t.call('GET', `/api/v1/organisations?q=${encodeURIComponent("'; drop table users; --")}&name__contains=%25_`, alice);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(0);
  });

  it('maps a duplicate name to 409, a missing record to 404 and a huge body to 413', async () => {
    expect((await t.call('POST', '/api/v1/organisations', alice, { name: 'Dup Ltd' })).status).toBe(201);
    const dup = await t.call('POST', '/api/v1/organisations', alice, { name: 'dup ltd' });
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as Body).error).toMatchObject({ code: 'CONFLICT', issues: [{ field: 'name' }] });
    expect((await t.call('GET', '/api/v1/organisations/999999', alice)).status).toBe(404);
    const big = await t.call('POST', '/api/v1/organisations', alice, { name: 'Big', notes: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as Body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lists related records through the visibility scope', async () => {
    const org = (await (await t.call('POST', '/api/v1/organisations', alice, { name: 'Related Org', status: 'public' })).json()) as { id: number };
    await t.call('POST', '/api/v1/people', alice, { name: 'Ada Lovelace', short_name: 'AL', organisation_id: org.id, status: 'public' });
    await t.call('POST', '/api/v1/people', alice, { name: 'Private Person', organisation_id: org.id });
    const other = await t.createUser('contributor');
    const seenByOther = (await (await t.call('GET', `/api/v1/organisations/${org.id}/people`, other)).json()) as { total: number; items: { name: string }[] };
    expect(seenByOther.items.map((p) => p.name)).toEqual(['Ada Lovelace']);
    const seenByAlice = (await (await t.call('GET', `/api/v1/organisations/${org.id}/people?sort=name`, alice)).json()) as { total: number };
    expect(seenByAlice.total).toBe(2);
  });

  it('serves an OpenAPI 3.1 document with the entity routes and the docs page', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/organisations', '/api/v1/organisations/{id}', '/api/v1/organisations/{id}/history', '/api/v1/people/choices']));
    expect((await t.app.request('/api/docs')).status).toBe(200);
  });
});
