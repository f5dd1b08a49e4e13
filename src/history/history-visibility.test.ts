import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson as json, type Row } from '../../tests/setup/api-json.js';
import { leakedIds, linkedIds } from '../../tests/setup/linked-ids.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { createApp } from '../api/app.js';

// Every name and text of a record the readers may not see contains this word; nothing public does.
const SECRET = 'hush';

/*
 * Public records that link records their readers may not see: linked by a maintainer (who sees
 * alice's private records), or linked while public and then made private or deleted. Neither the
 * public record's detail nor its edit history may show the hidden ids, names or values.
 */
describe('linked records hidden from the reader, in detail views and edit history', () => {
  let t: TestApp;
  let anonReadApp: OpenAPIHono;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let maintainer: TestUser;
  const hidden = { devices: [] as number[], compounds: [] as number[], components: [] as number[], parameters: [] as number[], units: [] as number[], literature_references: [] as number[] };
  const pages: string[] = [];
  const ids = {} as Record<'experiment' | 'publicDevice' | 'specification' | 'publicParameter', number>;

  const post = async (user: TestUser, plural: string, body: Record<string, unknown>) => json(await t.call('POST', `/api/v1/${plural}`, user, body), 201);
  const patch = async (user: TestUser, path: string, body: Record<string, unknown>) => json(await t.call('PATCH', `/api/v1/${path}`, user, body));
  const get = async (reader: TestUser | 'anonymous', path: string) =>
    json<unknown>(reader === 'anonymous' ? await anonReadApp.request(path) : await t.call('GET', path, reader));
  /**
   * A detail view's embedded lists (child rows, derived fields). Its own reference columns keep the
   * id its owner chose (a private reference's id, never its name); their history is checked in full.
   */
  const embedded = (body: unknown) => Object.fromEntries(Object.entries(body as Row).filter(([, v]) => v !== null && typeof v === 'object'));
  /** A public record whose detail and history the readers read. */
  const shown = (plural: string, id: number) => pages.push(`/api/v1/${plural}/${id}`, `/api/v1/${plural}/${id}/history`);

  beforeAll(async () => {
    t = await createTestApp();
    anonReadApp = createApp({ ...t.deps, config: { ...t.deps.config, anonymousRead: true } });
    [alice, bob, carol, maintainer] = [await t.createUser('contributor'), await t.createUser('contributor'), await t.createUser('contributor'), await t.createUser('maintainer')];
    const parameters = (await json<{ items: Row[] }>(await t.call('GET', '/api/v1/parameters?page_size=500', alice))).items;
    ids.publicParameter = parameters.find((p) => p.name === 'Nominal voltage')!.id;
    const maximumVoltage = parameters.find((p) => p.name === 'Maximum voltage')!.id;
    const volt = (await json<{ items: Row[] }>(await t.call('GET', '/api/v1/units?symbol=V', alice))).items[0];

    // alice's private records.
    const spec = await post(alice, 'specifications', { name: 'Open cell', device_type_id: 1, status: 'public' });
    const batch = await post(alice, 'batches', { name: 'hush lot', specification_id: spec.id, serial_template: 'HUSH-%02d' });
    const device = await post(alice, 'devices', { batch_id: batch.id, sequence: 1 });
    const compound = await post(alice, 'compounds', { name: 'hushium', formula: 'LiFePO4' });
    const component = await post(alice, 'components', { name: 'hush anode', type: 'anode' });
    const parameter = await post(alice, 'parameters', { name: 'hush parameter', kind: 'device', value_type: 'text' });
    const reference = await post(alice, 'references', { name: 'hush paper', title: 'hush: a study' });
    const unit = await post(alice, 'units', { name: 'hush volt', symbol: 'hV', quantity_id: volt.quantity_id, scale_to_si: 100 });
    hidden.devices.push(device.id);
    hidden.compounds.push(compound.id);
    hidden.components.push(component.id);
    hidden.parameters.push(parameter.id);
    hidden.literature_references.push(reference.id);
    hidden.units.push(unit.id);

    // Public records of a maintainer linking them.
    const openBatch = await post(alice, 'batches', { name: 'Open lot', specification_id: spec.id, serial_template: 'OPEN-%02d', status: 'public' });
    const experiment = await post(maintainer, 'experiments', { name: 'Shared run', status: 'public', devices: [{ device_id: device.id, position: 'hush slot' }, { batch_id: openBatch.id, sequence: 1 }] });
    ids.experiment = experiment.id;
    ids.publicDevice = (experiment.devices as Row[]).find((d) => d.batch_id === openBatch.id)!.device_id as number;
    await patch(maintainer, `experiments/${experiment.id}`, { devices: [{ device_id: ids.publicDevice }] });
    shown('experiments', experiment.id);
    const graphite = await post(alice, 'compounds', { name: 'Graphite', formula: 'C6', status: 'public' });
    shown('components', (await post(maintainer, 'components', { name: 'Mixed anode', type: 'anode', status: 'public', compounds: [{ compound_id: compound.id, relative_amount: 1 }, { compound_id: graphite.id, relative_amount: 3 }] })).id);
    const values = [
      { parameter_id: parameter.id, value: 'hush value' },
      { parameter_id: ids.publicParameter, value: 3.7 },
      { parameter_id: maximumVoltage, value: 0.042, unit_id: unit.id },
    ];
    const parent = await post(maintainer, 'specifications', { name: 'Shared module', device_type_id: 2, status: 'public', parameter_values: values, component_ids: [component.id] });
    ids.specification = parent.id;
    shown('specifications', parent.id);
    shown('specifications', (await post(maintainer, 'specifications', { name: 'Shared cell', device_type_id: 1, parent_id: parent.id, status: 'public' })).id);
    const setValues = [
      { parameter_id: parameter.id, value: 'hush value' },
      { parameter_id: ids.publicParameter, value: 1.5, component_id: component.id },
      { parameter_id: ids.publicParameter, value: 2.5, reference_id: reference.id },
      { parameter_id: ids.publicParameter, value: 3.5 },
    ];
    shown('parameter-data-sets', (await post(maintainer, 'parameter-data-sets', { name: 'Shared set', status: 'public', reference_id: reference.id, values: setValues })).id);
    const [file] = await t.handle.db
      .insertInto('data_files')
      .values({ name: 'run.csv', original_name: 'run.csv', experiment_id: experiment.id, sha256: 'c'.repeat(64), size_bytes: 10, blob_key: 'blobs/cc', owner_id: maintainer.id, status: 'public', state: 'ready' })
      .returning('id')
      .execute();
    await patch(maintainer, `data-files/${file.id}`, { device_ids: [device.id, ids.publicDevice] });
    shown('data-files', file.id);

    // bob's public records linking alice's public ones, which a maintainer then deletes or makes private.
    const gone = await post(alice, 'devices', { batch_id: openBatch.id, sequence: 2, status: 'public' });
    const shy = await post(alice, 'parameters', { name: 'hush later', kind: 'device', value_type: 'text', status: 'public' });
    const paper = await post(alice, 'references', { name: 'hush later paper', title: 'hush later', status: 'public' });
    shown('experiments', (await post(bob, 'experiments', { name: 'Bob run', status: 'public', devices: [{ device_id: gone.id }] })).id);
    shown('specifications', (await post(bob, 'specifications', { name: 'Bob cell', device_type_id: 1, status: 'public', parameter_values: [{ parameter_id: shy.id, value: 'hush later value' }] })).id);
    shown('parameter-data-sets', (await post(bob, 'parameter-data-sets', { name: 'Bob set', status: 'public', reference_id: paper.id })).id);
    expect((await t.call('DELETE', `/api/v1/devices/${gone.id}`, maintainer)).status).toBe(204);
    await patch(maintainer, `parameters/${shy.id}`, { status: 'private' });
    await patch(maintainer, `references/${paper.id}`, { status: 'private' });
    hidden.devices.push(gone.id);
    hidden.parameters.push(shy.id);
    hidden.literature_references.push(paper.id);
  });
  afterAll(async () => t.close());

  it.each(['another contributor', 'an anonymous reader'] as const)('shows %s no hidden id, name or value', async (who) => {
    const reader = who === 'an anonymous reader' ? 'anonymous' : carol;
    const leaks: string[] = [];
    for (const path of pages) {
      const body = await get(reader, path);
      const found = [...leakedIds(path.endsWith('/history') ? body : embedded(body), hidden), ...(JSON.stringify(body).toLowerCase().includes(SECRET) ? [`text "${SECRET}"`] : [])];
      leaks.push(...found.map((leak) => `${path}: ${leak}`));
    }
    expect(leaks).toEqual([]);
  });

  it('keeps what the reader may see, and marks what was left out', async () => {
    const history = await get(carol, `/api/v1/experiments/${ids.experiment}/history`);
    expect(linkedIds(history).get('devices')).toEqual(new Set([ids.publicDevice]));
    expect(JSON.stringify(history)).toContain('(hidden)');
    const spec = (await get(carol, `/api/v1/specifications/${ids.specification}`)) as Row;
    expect(spec.parameter_values).toEqual([expect.objectContaining({ parameter_id: ids.publicParameter, value: 3.7 })]);
    expect(spec.effective_parameter_values).toEqual([expect.objectContaining({ parameter_id: ids.publicParameter, value: 3.7 })]);
  });

  it('shows a maintainer every live linked record, and the owner her own', async () => {
    for (const user of [maintainer, alice]) {
      const found = linkedIds(await get(user, `/api/v1/experiments/${ids.experiment}/history`));
      expect(found.get('devices')).toEqual(new Set([hidden.devices[0], ids.publicDevice]));
      const spec = (await get(user, `/api/v1/specifications/${ids.specification}`)) as Row;
      expect((spec.parameter_values as Row[]).map((v) => v.parameter_id)).toContain(hidden.parameters[0]);
    }
  });
});
