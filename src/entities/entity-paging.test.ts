import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

type Page = { items: { id: number; name: string; website: string | null }[]; total: number; page: number; page_size: number };

describe('list and choice pages (page + total in one statement)', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.createUser('contributor');
    other = await t.createUser('contributor');
    // 7 public rows with a website, 3 private ones, and one public row without a website.
    for (let i = 1; i <= 10; i++) {
      await t.call('POST', '/api/v1/organisations', owner, { name: `Paging ${String(i).padStart(2, '0')}`, website: `https://p${i % 4}.example`, status: i <= 7 ? 'public' : 'private' });
    }
    await t.call('POST', '/api/v1/organisations', owner, { name: 'Paging 11', status: 'public' });
  });
  afterAll(async () => t.close());

  const get = async (user: TestUser, query: string) => (await (await t.call('GET', `/api/v1/organisations?name__contains=paging&${query}`, user)).json()) as Page;

  it('pages in sort order with the visible total, nulls and ties included', async () => {
    const first = await get(other, 'sort=-website,name&page_size=3');
    const second = await get(other, 'sort=-website,name&page_size=3&page=2');
    expect(first.total).toBe(8);
    // Descending puts the null website first (PostgreSQL: nulls are larger), then ties broken by name.
    expect(first.items.map((r) => r.name)).toEqual(['Paging 11', 'Paging 03', 'Paging 07']);
    expect(second.items.map((r) => r.name)).toEqual(['Paging 02', 'Paging 06', 'Paging 01']);
    expect((await get(owner, 'page_size=3')).total).toBe(11);
  });

  it('answers a page past the end with no items and the total', async () => {
    expect(await get(other, 'page=9&page_size=5')).toEqual({ items: [], total: 8, page: 9, page_size: 5 });
    expect(await get(other, 'website=https://none.example')).toEqual({ items: [], total: 0, page: 1, page_size: 50 });
  });

  it('pages choices the same way', async () => {
    const res = await t.call('GET', '/api/v1/organisations/choices?name__contains=paging&page_size=2&page=4', other);
    const page = (await res.json()) as Page;
    expect(page).toMatchObject({ total: 8, page: 4, page_size: 2 });
    expect(page.items).toEqual([{ id: expect.any(Number), name: 'Paging 07' }, { id: expect.any(Number), name: 'Paging 11' }]);
  });
});
