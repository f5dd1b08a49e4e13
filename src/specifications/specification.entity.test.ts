import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson as json, type ErrorBody, type Page, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

describe('device specifications API', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let param: (name: string) => Row;
  let unit: (symbol: string) => Row;
  let typeId: (name: string) => number;
  beforeAll(async () => {
    t = await createTestApp();
    alice = await t.createUser('contributor');
    bob = await t.createUser('contributor');
    const params = (await json<Page>(await t.call('GET', '/api/v1/parameters?kind=device&page_size=500', alice))).items;
    const units = (await json<Page>(await t.call('GET', '/api/v1/units?page_size=500', alice))).items;
    const types = (await json<Page>(await t.call('GET', '/api/v1/device-types', alice))).items;
    param = (name) => params.find((p) => p.name === name)!;
    unit = (symbol) => units.find((u) => u.symbol === symbol)!;
    typeId = (name) => types.find((d) => d.name === name)!.id;
  });
  afterAll(async () => t.close());

  it('inherits parameter values and metadata down the tree and lists children and batches', async () => {
    const moduleSpec = await json(
      await t.call('POST', '/api/v1/specifications', alice, {
        name: 'M50 module',
        device_type_id: typeId('Module'),
        metadata: { chemistry: 'NMC811/Gr', supplier: { name: 'LG', country: 'KR' } },
        parameter_values: [
          { parameter_id: param('Maximum voltage').id, value: 4.2 },
          { parameter_id: param('Number of cells in series').id, value: 12, inheritable: false },
          { parameter_id: param('Form factor').id, value: 'cylindrical 21700' },
        ],
      }),
      201,
    );
    expect(moduleSpec.parameter_values).toHaveLength(3);
    expect(moduleSpec.parameter_values).toEqual(
      expect.arrayContaining([
        { parameter_id: param('Maximum voltage').id, value: 4.2, unit_id: param('Maximum voltage').unit_id, inheritable: true },
        { parameter_id: param('Form factor').id, value: 'cylindrical 21700', unit_id: null, inheritable: true },
        { parameter_id: param('Number of cells in series').id, value: 12, unit_id: param('Number of cells in series').unit_id, inheritable: false },
      ]),
    );
    const cell = await json(
      await t.call('POST', '/api/v1/specifications', alice, {
        name: 'INR21700-M50',
        device_type_id: typeId('Single cell'),
        parent_id: moduleSpec.id,
        metadata: { supplier: { country: 'PL' } },
        parameter_values: [
          { parameter_id: param('Nominal capacity').id, value: 5000, unit_id: unit('mA·h').id },
          { parameter_id: param('Maximum voltage').id, value: 4.25 },
        ],
      }),
      201,
    );
    const effective = cell.effective_parameter_values as Row[];
    expect(effective.find((v) => v.parameter_id === param('Form factor').id)).toMatchObject({ value: 'cylindrical 21700', inherited: true, source_specification_id: moduleSpec.id });
    expect(effective.find((v) => v.parameter_id === param('Maximum voltage').id)).toMatchObject({ value: 4.25, inherited: false });
    expect(effective.find((v) => v.parameter_id === param('Nominal capacity').id)).toMatchObject({ value: 5000, unit_id: unit('mA·h').id });
    expect(effective.some((v) => v.parameter_id === param('Number of cells in series').id)).toBe(false);
    expect(cell.inherited_metadata).toEqual({ chemistry: 'NMC811/Gr', supplier: { name: 'LG', country: 'PL' } });

    const children = await json<Page>(await t.call('GET', `/api/v1/specifications/${moduleSpec.id}/children`, alice));
    expect(children.items.map((c) => c.id)).toEqual([cell.id]);
    const roots = await json<Page>(await t.call('GET', `/api/v1/specifications?device_type_id=${typeId('Module')}`, alice));
    expect(roots.items.map((c) => c.id)).toEqual([moduleSpec.id]);
    const search = await json<Page>(await t.call('GET', '/api/v1/specifications?q=m50&sort=-name', alice));
    expect(search.items.map((c) => c.name)).toEqual(['M50 module', 'INR21700-M50']);

    const batch = await json(await t.call('POST', '/api/v1/batches', alice, { name: 'Lot 1', specification_id: cell.id }), 201);
    const batches = await json<Page>(await t.call('GET', `/api/v1/specifications/${cell.id}/batches`, alice));
    expect(batches.items.map((b) => b.id)).toEqual([batch.id]);
    const typeSpecs = await json<Page>(await t.call('GET', `/api/v1/device-types/${typeId('Single cell')}/specifications`, alice));
    expect(typeSpecs.items.map((s) => s.id)).toEqual([cell.id]);
  });

  it('refuses a loop in the tree, values of the wrong type or unit, and hidden parents', async () => {
    const a = await json(await t.call('POST', '/api/v1/specifications', alice, { name: 'A', device_type_id: typeId('Pack') }), 201);
    const b = await json(await t.call('POST', '/api/v1/specifications', alice, { name: 'B', device_type_id: typeId('Module'), parent_id: a.id }), 201);
    const loop = await json<ErrorBody>(await t.call('PATCH', `/api/v1/specifications/${a.id}`, alice, { parent_id: b.id }), 400);
    expect(loop.error.issues?.[0].field).toBe('parent_id');
    await json(await t.call('PATCH', `/api/v1/specifications/${a.id}`, alice, { parent_id: a.id }), 400);
    const wrongType = await json<ErrorBody>(
      await t.call('PATCH', `/api/v1/specifications/${a.id}`, alice, { parameter_values: [{ parameter_id: param('Nominal capacity').id, value: 'five' }] }),
      400,
    );
    expect(wrongType.error.issues?.[0].field).toBe('parameter_values.0');
    const wrongUnit = await json<ErrorBody>(
      await t.call('PATCH', `/api/v1/specifications/${a.id}`, alice, { parameter_values: [{ parameter_id: param('Nominal capacity').id, value: 5, unit_id: unit('V').id }] }),
      400,
    );
    expect(wrongUnit.error.message).toContain('same quantity');
    await json(await t.call('POST', '/api/v1/specifications', bob, { name: 'Sneaky', device_type_id: typeId('Single cell'), parent_id: a.id }), 400);
    await json(await t.call('POST', '/api/v1/specifications', alice, { name: 'No type' }), 400);
  });

  it('links components and hides a private ancestor’s values from other users', async () => {
    const separator = await json(await t.call('POST', '/api/v1/components', alice, { name: 'PE separator', type: 'separator', status: 'public' }), 201);
    const parent = await json(
      await t.call('POST', '/api/v1/specifications', alice, {
        name: 'Private parent',
        device_type_id: typeId('Module'),
        parameter_values: [{ parameter_id: param('Nominal voltage').id, value: 3.6 }],
      }),
      201,
    );
    const child = await json(
      await t.call('POST', '/api/v1/specifications', alice, { name: 'Public child', device_type_id: typeId('Single cell'), parent_id: parent.id, status: 'public', component_ids: [separator.id] }),
      201,
    );
    expect(child.component_ids).toEqual([separator.id]);
    expect((child.effective_parameter_values as Row[]).map((v) => v.value)).toEqual([3.6]);
    const asBob = await json(await t.call('GET', `/api/v1/specifications/${child.id}`, bob));
    expect(asBob.effective_parameter_values).toEqual([]);
    const components = await json<Page>(await t.call('GET', `/api/v1/specifications/${child.id}/components`, bob));
    expect(components.items.map((c) => c.id)).toEqual([separator.id]);
    const specsOfComponent = await json<Page>(await t.call('GET', `/api/v1/components/${separator.id}/specifications`, alice));
    expect(specsOfComponent.items.map((s) => s.id)).toEqual([child.id]);
  });
});
