import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson as json, type ErrorBody, type Page, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

describe('compounds and components API', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    alice = await t.createUser('contributor');
    bob = await t.createUser('contributor');
  });
  afterAll(async () => t.close());

  it('computes molar mass from the formula and rejects a bad formula naming the token', async () => {
    const nmc = await json(await t.call('POST', '/api/v1/compounds', alice, { name: 'NMC811', formula: 'LiNi0.8Mn0.1Co0.1O2' }), 201);
    expect(nmc.molar_mass_g_per_mol).toBeCloseTo(97.28, 2);
    const bad = await json<ErrorBody>(await t.call('POST', '/api/v1/compounds', alice, { name: 'Bad', formula: 'LiXq2' }), 400);
    expect(bad.error.issues?.[0]).toMatchObject({ field: 'formula' });
    expect(bad.error.message).toContain('Xq');
    const patched = await json(await t.call('PATCH', `/api/v1/compounds/${nmc.id}`, alice, { formula: 'Li(Ni0.6Mn0.2Co0.2)O2' }));
    expect(patched.molar_mass_g_per_mol).toBeCloseTo(96.93, 1);
    const history = await json<{ changes: Record<string, unknown> }[]>(await t.call('GET', `/api/v1/compounds/${nmc.id}/history`, alice));
    expect(Object.keys(history[1].changes).sort()).toEqual(['formula', 'molar_mass_g_per_mol']);
    const filtered = await json<Page>(await t.call('GET', '/api/v1/compounds?molar_mass_g_per_mol__gt=90&formula__contains=Ni0.6', alice));
    expect(filtered.items.map((c) => c.id)).toEqual([nmc.id]);
  });

  it('stores a component’s compounds with percentages and navigates both ways', async () => {
    const graphite = await json(await t.call('POST', '/api/v1/compounds', alice, { name: 'Graphite', formula: 'C6', status: 'public' }), 201);
    const binder = await json(await t.call('POST', '/api/v1/compounds', alice, { name: 'PVDF', formula: '(C2H2F2)1000', status: 'public' }), 201);
    const anode = await json(
      await t.call('POST', '/api/v1/components', alice, {
        name: 'Graphite anode',
        type: 'anode',
        compounds: [
          { compound_id: graphite.id, relative_amount: 95 },
          { compound_id: binder.id, relative_amount: 5 },
        ],
      }),
      201,
    );
    expect(anode.compounds).toEqual([
      { compound_id: graphite.id, relative_amount: 95, name: 'Graphite', formula: 'C6', percent: 95 },
      { compound_id: binder.id, relative_amount: 5, name: 'PVDF', formula: '(C2H2F2)1000', percent: 5 },
    ]);
    const updated = await json(await t.call('PATCH', `/api/v1/components/${anode.id}`, alice, { compounds: [{ compound_id: graphite.id, relative_amount: 3 }, { compound_id: binder.id, relative_amount: 1 }] }));
    expect((updated.compounds as Row[]).map((c) => c.percent)).toEqual([75, 25]);
    // Changing other fields leaves the composition alone.
    const renamed = await json(await t.call('PATCH', `/api/v1/components/${anode.id}`, alice, { notes: 'calendered' }));
    expect((renamed.compounds as Row[]).map((c) => c.percent)).toEqual([75, 25]);

    const compounds = await json<Page>(await t.call('GET', `/api/v1/components/${anode.id}/compounds?sort=name`, alice));
    expect(compounds.items.map((c) => c.name)).toEqual(['Graphite', 'PVDF']);
    const components = await json<Page>(await t.call('GET', `/api/v1/compounds/${graphite.id}/components`, alice));
    expect(components.items.map((c) => c.id)).toEqual([anode.id]);
    expect((await json<Page>(await t.call('GET', '/api/v1/components?type=anode', alice))).total).toBe(1);
    expect((await json<Page>(await t.call('GET', '/api/v1/components?type=cathode', alice))).total).toBe(0);

    const history = await json<{ changes: Record<string, { old: unknown; new: unknown }> }[]>(await t.call('GET', `/api/v1/components/${anode.id}/history`, alice));
    const compoundChanges = history.filter((h) => 'compounds' in h.changes);
    expect(compoundChanges).toHaveLength(2);
    expect(compoundChanges[1].changes.compounds.old).toEqual([
      { compound_id: graphite.id, relative_amount: 95 },
      { compound_id: binder.id, relative_amount: 5 },
    ]);
  });

  it('rejects bad compositions and compounds the writer cannot see', async () => {
    const hidden = await json(await t.call('POST', '/api/v1/compounds', bob, { name: 'Secret', formula: 'LiFePO4' }), 201);
    const mine = await json(await t.call('POST', '/api/v1/compounds', alice, { name: 'LFP', formula: 'LiFePO4' }), 201);
    const body = (compounds: unknown) => ({ name: 'Cathode', type: 'cathode', compounds });
    const leak = await json<ErrorBody>(await t.call('POST', '/api/v1/components', alice, body([{ compound_id: hidden.id, relative_amount: 1 }])), 400);
    expect(leak.error.issues?.[0].field).toBe('compounds');
    await json(await t.call('POST', '/api/v1/components', alice, body([{ compound_id: mine.id, relative_amount: -1 }])), 400);
    await json(await t.call('POST', '/api/v1/components', alice, body([{ compound_id: mine.id, relative_amount: 0 }])), 400);
    await json(await t.call('POST', '/api/v1/components', alice, body([{ compound_id: mine.id, relative_amount: 1 }, { compound_id: mine.id, relative_amount: 2 }])), 400);
    await json(await t.call('POST', '/api/v1/components', alice, { name: 'X', type: 'binder' }), 400);
  });

  it('hides a compound that turned private from other users’ view of a component', async () => {
    const own = await json(await t.call('POST', '/api/v1/compounds', bob, { name: 'Bob salt', formula: 'LiPF6', status: 'public' }), 201);
    const electrolyte = await json(
      await t.call('POST', '/api/v1/components', bob, { name: 'Electrolyte', type: 'electrolyte', status: 'public', compounds: [{ compound_id: own.id, relative_amount: 1 }] }),
      201,
    );
    expect((await json(await t.call('GET', `/api/v1/components/${electrolyte.id}`, alice))).compounds).toHaveLength(1);
    await t.handle.db.updateTable('compounds').set({ status: 'private' }).where('id', '=', own.id).execute();
    expect((await json(await t.call('GET', `/api/v1/components/${electrolyte.id}`, alice))).compounds).toEqual([]);
    expect((await json<Page>(await t.call('GET', `/api/v1/components/${electrolyte.id}/compounds`, alice))).total).toBe(0);
  });
});
