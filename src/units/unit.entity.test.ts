import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson as json, type Page } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

describe('quantities, units and parameters API', () => {
  let t: TestApp;
  let alice: TestUser;
  let maintainer: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    alice = await t.createUser('contributor');
    maintainer = await t.createUser('maintainer');
  });
  afterAll(async () => t.close());

  it('lists the seeded quantities and units with filters, search and sort', async () => {
    const charge = await json<Page>(await t.call('GET', '/api/v1/quantities?name=Electric%20charge', alice));
    expect(charge.total).toBe(1);
    const units = await json<Page>(await t.call('GET', `/api/v1/quantities/${charge.items[0].id}/units?sort=scale_to_si`, alice));
    expect(units.items.map((u) => [u.symbol, u.scale_to_si, u.is_si])).toEqual([
      ['C', 1, true],
      ['mA·h', 3.6, false],
      ['A·h', 3600, false],
    ]);
    const si = await json<Page>(await t.call('GET', '/api/v1/units?is_si=true&page_size=100', alice));
    expect(si.items.map((u) => u.symbol)).toEqual(expect.arrayContaining(['A', 'V', 'C', 'J', 'K', 'kg', 'm²']));
    const big = await json<Page>(await t.call('GET', '/api/v1/units?scale_to_si__gte=1000&sort=-scale_to_si', alice));
    expect(big.items[0].symbol).toBe('kW·h');
    const search = await json<Page>(await t.call('GET', '/api/v1/units?q=milliampere', alice));
    expect(search.items.map((u) => u.symbol).sort()).toEqual(['mA', 'mA·h', 'mA·h/cm²', 'mA·h/g'].sort());
  });

  it('creates a unit, refuses a duplicate symbol (409) and a second SI unit, locks it once public', async () => {
    const q = (await json<Page>(await t.call('GET', '/api/v1/quantities?name=Electric%20current', alice))).items[0];
    const created = await json(await t.call('POST', '/api/v1/units', alice, { name: 'kiloampere', symbol: 'kA', quantity_id: q.id, scale_to_si: 1000 }), 201);
    expect(created).toMatchObject({ symbol: 'kA', scale_to_si: 1000, offset_to_si: 0, is_si: false, status: 'private', owner_id: alice.id });
    const dup = await json<{ error: { code: string; issues: { field: string }[] } }>(await t.call('POST', '/api/v1/units', alice, { name: 'again', symbol: 'kA', quantity_id: q.id }), 409);
    expect(dup.error.issues[0].field).toBe('symbol');
    await json(await t.call('POST', '/api/v1/units', alice, { name: 'other SI', symbol: 'Amp', quantity_id: q.id, is_si: true }), 409);
    await json(await t.call('POST', '/api/v1/units', alice, { name: 'zero', symbol: 'z', quantity_id: q.id, scale_to_si: 0 }), 400);
    await json(await t.call('PATCH', `/api/v1/units/${created.id}`, alice, { status: 'public' }));
    await json(await t.call('PATCH', `/api/v1/units/${created.id}`, alice, { notes: 'x' }), 403);
    await json(await t.call('PATCH', `/api/v1/units/${created.id}`, maintainer, { notes: 'checked' }));
    expect((await t.call('DELETE', `/api/v1/units/${created.id}`, maintainer)).status).toBe(204);
    await json(await t.call('GET', `/api/v1/units/${created.id}`, alice), 404);
  });

  it('filters parameters by kind and unit; seeded parameters are locked against everyone but maintainers', async () => {
    const device = await json<Page>(await t.call('GET', '/api/v1/parameters?kind=device&page_size=100', alice));
    expect(device.items.every((p) => p.kind === 'device')).toBe(true);
    const capacity = device.items.find((p) => p.name === 'Nominal capacity')!;
    const byUnit = await json<Page>(await t.call('GET', `/api/v1/parameters?unit_id=${capacity.unit_id}`, alice));
    expect(byUnit.items.map((p) => p.name)).toEqual(expect.arrayContaining(['Nominal capacity', 'Charge']));
    await json(await t.call('PATCH', `/api/v1/parameters/${capacity.id}`, alice, { symbol: 'Q' }), 403);
    const created = await json(await t.call('POST', '/api/v1/parameters', alice, { name: 'Tab width', kind: 'device', unit_id: capacity.unit_id }), 201);
    expect(created.value_type).toBe('number');
    // A private draft may share a public name (ADR 0017); publishing it is refused while the public one stands.
    const draft = await json(await t.call('POST', '/api/v1/parameters', alice, { name: 'nominal capacity', kind: 'device' }), 201);
    await json(await t.call('PATCH', `/api/v1/parameters/${draft.id}`, alice, { status: 'public' }), 409);
    await json(await t.call('POST', '/api/v1/parameters', alice, { name: 'Bad', kind: 'cell' }), 400);
    await json(await t.call('POST', '/api/v1/parameters', alice, { name: 'Bad unit', kind: 'device', unit_id: 999999 }), 400);
  });
});
