import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson as json, type ErrorBody, type Page, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

describe('references and parameter data sets API', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    alice = await t.createUser('contributor');
    bob = await t.createUser('contributor');
  });
  afterAll(async () => t.close());

  it('normalises and validates DOIs, and refuses a duplicate DOI with 409', async () => {
    const ref = await json(
      await t.call('POST', '/api/v1/references', alice, { name: 'Chen 2020', doi: 'https://doi.org/10.1149/1945-7111/ab9050', title: 'Development of experimental techniques for parameterization', year: 2020 }),
      201,
    );
    expect(ref).toMatchObject({ doi: '10.1149/1945-7111/ab9050', url: 'https://doi.org/10.1149/1945-7111/ab9050' });
    const bad = await json<ErrorBody>(await t.call('POST', '/api/v1/references', alice, { name: 'Bad', doi: '11.1234/nope' }), 400);
    expect(bad.error.issues?.[0].field).toBe('doi');
    const dup = await json<ErrorBody>(await t.call('POST', '/api/v1/references', alice, { name: 'Again', doi: 'doi:10.1149/1945-7111/AB9050' }), 409);
    expect(dup.error.issues?.[0].field).toBe('doi');
    const found = await json<Page>(await t.call('GET', '/api/v1/references?q=parameterization&year__gte=2019&sort=-year', alice));
    expect(found.items.map((r) => r.id)).toEqual([ref.id]);
    const patched = await json(await t.call('PATCH', `/api/v1/references/${ref.id}`, alice, { journal: 'J. Electrochem. Soc.' }));
    expect(patched.doi).toBe('10.1149/1945-7111/ab9050');
  });

  it('stores data set values per component with direction and lists data sets of a reference', async () => {
    const ref = await json(await t.call('POST', '/api/v1/references', alice, { name: 'Ecker 2015', doi: '10.1149/2.0551509jes', status: 'public' }), 201);
    const anode = await json(await t.call('POST', '/api/v1/components', alice, { name: 'Graphite', type: 'anode', status: 'public' }), 201);
    const params = (await json<Page>(await t.call('GET', '/api/v1/parameters?page_size=500', alice))).items;
    const p = (name: string, kind = 'device') => params.find((x) => x.name === name && x.kind === kind)!;
    const set = await json(
      await t.call('POST', '/api/v1/parameter-data-sets', alice, {
        name: 'Ecker graphite',
        reference_id: ref.id,
        values: [
          { parameter_id: p('Negative electrode thickness').id, value: 74, component_id: anode.id },
          { parameter_id: p('Nominal capacity').id, value: 7.5, direction: 'output' },
        ],
      }),
      201,
    );
    expect(set.values).toEqual([
      { parameter_id: p('Negative electrode thickness').id, value: 74, unit_id: p('Negative electrode thickness').unit_id, direction: 'input', component_id: anode.id, reference_id: null },
      { parameter_id: p('Nominal capacity').id, value: 7.5, unit_id: p('Nominal capacity').unit_id, direction: 'output', component_id: null, reference_id: null },
    ]);
    const sets = await json<Page>(await t.call('GET', `/api/v1/references/${ref.id}/parameter-data-sets`, alice));
    expect(sets.items.map((s) => s.id)).toEqual([set.id]);
    expect((await json<Page>(await t.call('GET', `/api/v1/parameter-data-sets?reference_id=${ref.id}`, alice))).total).toBe(1);

    const hidden = await json(await t.call('POST', '/api/v1/components', bob, { name: 'Bob anode', type: 'anode' }), 201);
    await json(await t.call('PATCH', `/api/v1/parameter-data-sets/${set.id}`, alice, { values: [{ parameter_id: p('Mass').id, value: 1, component_id: hidden.id }] }), 400);
    await json(await t.call('PATCH', `/api/v1/parameter-data-sets/${set.id}`, alice, { values: [{ parameter_id: p('Mass').id, value: 'heavy' }] }), 400);
    const replaced = await json(await t.call('PATCH', `/api/v1/parameter-data-sets/${set.id}`, alice, { values: [{ parameter_id: p('Mass').id, value: 1.2 }] }));
    expect((replaced.values as Row[]).map((v) => v.value)).toEqual([1.2]);
    expect((await t.call('DELETE', `/api/v1/parameter-data-sets/${set.id}`, alice)).status).toBe(204);
  });
});
