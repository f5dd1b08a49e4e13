import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson as json, type ErrorBody, type Page, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

describe('experiments, equipment, protocols and data files API', () => {
  let t: TestApp;
  let alice: TestUser;
  let carol: TestUser;
  let otherLab: TestUser;
  let maintainer: TestUser;
  let batch: Row;
  let labA: number;
  beforeAll(async () => {
    t = await createTestApp();
    const orgs = await t.handle.db.insertInto('organisations').values([{ name: 'Lab A', status: 'public' }, { name: 'Lab B', status: 'public' }]).returning('id').execute();
    labA = orgs[0].id;
    alice = await t.createUser('contributor', { institutionId: labA });
    carol = await t.createUser('contributor', { institutionId: orgs[0].id });
    otherLab = await t.createUser('contributor', { institutionId: orgs[1].id });
    maintainer = await t.createUser('maintainer');
    const types = (await json<Page>(await t.call('GET', '/api/v1/device-types?name=Single%20cell', alice))).items;
    const spec = await json(await t.call('POST', '/api/v1/specifications', alice, { name: 'Cell', device_type_id: types[0].id, status: 'public' }), 201);
    batch = await json(await t.call('POST', '/api/v1/batches', alice, { name: 'Lot', specification_id: spec.id, serial_template: 'C-%02d', status: 'public' }), 201);
  });
  afterAll(async () => t.close());

  it('creates an experiment naming devices by batch + sequence (created when missing) and navigates', async () => {
    const protocol = await json(
      await t.call('POST', '/api/v1/protocols', alice, { name: 'CC 1C', type: 'experimental', steps: ['Charge at 1C until 4.2 V', 'Discharge at 1C until 2.5 V'], status: 'public' }),
      201,
    );
    expect(protocol.steps).toEqual(['Charge at 1C until 4.2 V', 'Discharge at 1C until 2.5 V']);
    const existing = await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence: 1 }), 201);
    const exp = await json(
      await t.call('POST', '/api/v1/experiments', alice, {
        name: 'Ageing 25C',
        date: '2024-03-01',
        temperature_c: 25,
        c_rate: 1,
        type: 'constant_current',
        thermal_management: 'chamber',
        device_configuration: 'single',
        external_link: 'https://example.org/run/1',
        summary: 'Cycle ageing at 25 °C',
        protocol_id: protocol.id,
        devices: [
          { batch_id: batch.id, sequence: 1, position: 'A1' },
          { batch_id: batch.id, sequence: 2, position: 'A2' },
        ],
      }),
      201,
    );
    expect(exp).toMatchObject({ date: '2024-03-01', institution_id: labA, temperature_c: 25, type: 'constant_current' });
    const devices = exp.devices as Row[];
    expect(devices.map((d) => [d.serial, d.position])).toEqual([
      ['C-01', 'A1'],
      ['C-02', 'A2'],
    ]);
    expect(devices[0].device_id).toBe(existing.id);
    // The created device is as public as its batch, so colleagues can see what was tested.
    const created = await json(await t.call('GET', `/api/v1/devices/${devices[1].device_id}`, carol));
    expect(created).toMatchObject({ status: 'public', owner_id: alice.id, sequence: 2 });

    const batchExperiments = await json<Page>(await t.call('GET', `/api/v1/batches/${batch.id}/experiments`, alice));
    expect(batchExperiments.items.map((e) => e.id)).toEqual([exp.id]);
    const deviceExperiments = await json<Page>(await t.call('GET', `/api/v1/devices/${existing.id}/experiments`, alice));
    expect(deviceExperiments.items.map((e) => e.id)).toEqual([exp.id]);
    const expDevices = await json<Page>(await t.call('GET', `/api/v1/experiments/${exp.id}/devices?sort=sequence`, alice));
    expect(expDevices.items.map((d) => d.serial)).toEqual(['C-01', 'C-02']);
    const protocolExperiments = await json<Page>(await t.call('GET', `/api/v1/protocols/${protocol.id}/experiments`, alice));
    expect(protocolExperiments.items.map((e) => e.id)).toEqual([exp.id]);

    const filtered = await json<Page>(await t.call('GET', '/api/v1/experiments?type=constant_current&temperature_c__gte=20&date__lt=2025-01-01&q=ageing', alice));
    expect(filtered.items.map((e) => e.id)).toEqual([exp.id]);
    expect((await json<Page>(await t.call('GET', '/api/v1/experiments?thermal_management=none', alice))).total).toBe(0);

    // Replacing the devices keeps history of the change.
    const patched = await json(await t.call('PATCH', `/api/v1/experiments/${exp.id}`, alice, { devices: [{ device_id: existing.id, position: 'B1' }] }));
    expect((patched.devices as Row[]).map((d) => [d.serial, d.position])).toEqual([['C-01', 'B1']]);
    const history = await json<{ changes: Record<string, unknown> }[]>(await t.call('GET', `/api/v1/experiments/${exp.id}/history`, alice));
    expect(history.filter((h) => 'devices' in h.changes)).toHaveLength(2);
  });

  it('shows each viewer only the devices under test and device counts they may see, on every read path', async () => {
    const mine = await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence: 31, status: 'private' }), 201);
    const shared = await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence: 32, status: 'public' }), 201);
    const exp = await json(
      await t.call('POST', '/api/v1/experiments', alice, { name: 'Mixed devices', status: 'public', devices: [{ device_id: mine.id, position: 'P' }, { device_id: shared.id, position: 'S' }] }),
      201,
    );
    const ids = (rows: Row[]) => rows.map((d) => d.device_id);
    const fromList = async (user: TestUser) => ids(((await json<Page>(await t.call('GET', `/api/v1/experiments?name=Mixed%20devices`, user))).items[0].devices as Row[]));
    const fromDetail = async (user: TestUser) => ids((await json(await t.call('GET', `/api/v1/experiments/${exp.id}`, user))).devices as Row[]);
    const fromExport = async (user: TestUser) => ids(((await json<Row[]>(await t.call('GET', `/api/v1/experiments/export?format=json&name=Mixed%20devices`, user)))[0].devices as Row[]));
    for (const read of [fromList, fromDetail, fromExport]) {
      expect(await read(alice)).toEqual([mine.id, shared.id]);
      expect(await read(otherLab)).toEqual([shared.id]);
      expect(await read(maintainer)).toEqual([mine.id, shared.id]);
    }
    // Batch device counts go through the same scope: each viewer's count is the total of the batch's device list they get.
    const count = async (user: TestUser) => (await json(await t.call('GET', `/api/v1/batches/${batch.id}`, user))).device_count as number;
    const listed = async (user: TestUser) => (await json<Page>(await t.call('GET', `/api/v1/batches?name=Lot`, user))).items[0].device_count as number;
    const related = async (user: TestUser) => (await json<Page>(await t.call('GET', `/api/v1/batches/${batch.id}/devices`, user))).total;
    expect(await count(alice)).toBeGreaterThan(await count(otherLab));
    for (const user of [alice, otherLab, maintainer]) {
      expect(await count(user)).toBe(await related(user));
      expect(await listed(user)).toBe(await related(user));
    }
    // The trash lists the derived fields too.
    expect((await t.call('DELETE', `/api/v1/experiments/${exp.id}`, alice)).status).toBe(204);
    const trash = await json<Page>(await t.call('GET', '/api/v1/experiments/deleted?name=Mixed%20devices', maintainer));
    expect(ids(trash.items[0].devices as Row[])).toEqual([mine.id, shared.id]);
  });

  it('keeps public experiment names unique within an institution (409) but not across institutions', async () => {
    // Unique among public records and among one owner's: a conflict with another's PRIVATE name would reveal it (existence-oracles.test.ts).
    await json(await t.call('POST', '/api/v1/experiments', alice, { name: 'GITT run', status: 'public' }), 201);
    const dup = await json<ErrorBody>(await t.call('POST', '/api/v1/experiments', carol, { name: 'gitt RUN', status: 'public' }), 409);
    expect(dup.error).toMatchObject({ code: 'CONFLICT', issues: [{ field: 'name' }] });
    await json(await t.call('POST', '/api/v1/experiments', otherLab, { name: 'GITT run', status: 'public' }), 201);
    const renamed = await json(await t.call('POST', '/api/v1/experiments', carol, { name: 'GITT run 2', status: 'public' }), 201);
    await json(await t.call('PATCH', `/api/v1/experiments/${renamed.id}`, carol, { name: 'GITT run' }), 409);
    // A private draft may share the name; publishing it is refused while the public one stands.
    const draft = await json(await t.call('POST', '/api/v1/experiments', carol, { name: 'GITT run' }), 201);
    await json(await t.call('PATCH', `/api/v1/experiments/${draft.id}`, carol, { status: 'public' }), 409);
  });

  it('leaves public experiments editable by their owner and rejects bad input', async () => {
    const exp = await json(await t.call('POST', '/api/v1/experiments', alice, { name: 'Open', status: 'public' }), 201);
    await json(await t.call('PATCH', `/api/v1/experiments/${exp.id}`, alice, { summary: 'still mine' }));
    await json(await t.call('PATCH', `/api/v1/experiments/${exp.id}`, carol, { summary: 'not mine' }), 403);
    await json(await t.call('POST', '/api/v1/experiments', alice, { name: 'Bad type', type: 'eis' }), 400);
    await json(await t.call('POST', '/api/v1/experiments', alice, { name: 'Bad link', external_link: 'javascript:alert(1)' }), 400);
    await json(await t.call('POST', '/api/v1/experiments', alice, { name: 'Bad device', devices: [{ position: 'A1' }] }), 400);
    const hidden = await json(await t.call('POST', '/api/v1/batches', otherLab, { name: 'Hidden lot', specification_id: batch.specification_id }), 201);
    const leak = await json<ErrorBody>(await t.call('POST', '/api/v1/experiments', alice, { name: 'Probe', devices: [{ batch_id: hidden.id, sequence: 1 }] }), 400);
    expect(leak.error.message).toContain('no visible batch');
    expect((await t.call('DELETE', `/api/v1/experiments/${exp.id}`, alice)).status).toBe(204);
    await json(await t.call('GET', `/api/v1/experiments/${exp.id}`, maintainer), 404);
  });

  it('lists, updates and deletes data files; equipment lists its experiments; uploads are the only way in', async () => {
    const equipment = await json(
      await t.call('POST', '/api/v1/equipment', alice, { name: 'Maccor 4000', model: 'Series 4000', serial_number: 'M4-123', default_format: 'maccor-txt', status: 'public' }),
      201,
    );
    const exp = await json(await t.call('POST', '/api/v1/experiments', alice, { name: 'With files', devices: [{ batch_id: batch.id, sequence: 5 }] }), 201);
    const [file] = await t.handle.db
      .insertInto('data_files')
      .values({ name: 'run1.txt', original_name: 'run1.txt', experiment_id: exp.id, sha256: 'a'.repeat(64), size_bytes: 1234, blob_key: 'blobs/aa', owner_id: alice.id, state: 'ready', row_count: 10, columns: JSON.stringify([{ name: 'Voltage / V' }]) })
      .returning('id')
      .execute();
    await t.call('POST', '/api/v1/data-files', alice, { name: 'x' }).then((r) => expect(r.status).toBe(400));

    const device = (exp.devices as Row[])[0].device_id as number;
    const updated = await json(await t.call('PATCH', `/api/v1/data-files/${file.id}`, alice, { name: 'Run 1', equipment_id: equipment.id, device_ids: [device] }));
    expect(updated).toMatchObject({ name: 'Run 1', equipment_id: equipment.id, device_ids: [device], state: 'ready', size_bytes: 1234, columns: [{ name: 'Voltage / V' }] });
    await json(await t.call('PATCH', `/api/v1/data-files/${file.id}`, alice, { sha256: 'b'.repeat(64) }), 400);

    const expFiles = await json<Page>(await t.call('GET', `/api/v1/experiments/${exp.id}/data-files`, alice));
    expect(expFiles.items.map((f) => f.id)).toEqual([file.id]);
    const filesOfDevice = await json<Page>(await t.call('GET', `/api/v1/devices/${device}/data-files`, alice));
    expect(filesOfDevice.items.map((f) => f.id)).toEqual([file.id]);
    const equipmentExperiments = await json<Page>(await t.call('GET', `/api/v1/equipment/${equipment.id}/experiments`, alice));
    expect(equipmentExperiments.items.map((e) => e.id)).toEqual([exp.id]);
    const filtered = await json<Page>(await t.call('GET', `/api/v1/data-files?state=ready&equipment_id=${equipment.id}&size_bytes__gt=1000&q=run1`, alice));
    expect(filtered.items.map((f) => f.id)).toEqual([file.id]);
    expect((await json<Page>(await t.call('GET', '/api/v1/data-files', carol))).total).toBe(0);
    expect((await json<Page>(await t.call('GET', '/api/v1/equipment?q=m4-123', carol))).total).toBe(1);
    await json(await t.call('PATCH', `/api/v1/equipment/${equipment.id}`, maintainer, { institution_id: labA }));
    const labEquipment = await json<Page>(await t.call('GET', `/api/v1/organisations/${labA}/equipment`, carol));
    expect(labEquipment.items.map((e) => e.id)).toEqual([equipment.id]);
    const labExperiments = await json<Page>(await t.call('GET', `/api/v1/organisations/${labA}/experiments?name=With%20files`, alice));
    expect(labExperiments.items.map((e) => e.id)).toEqual([exp.id]);

    await json(await t.call('PATCH', `/api/v1/data-files/${file.id}`, alice, { status: 'public' }));
    await json(await t.call('PATCH', `/api/v1/data-files/${file.id}`, alice, { notes: 'owner may still edit' }));
    expect((await t.call('DELETE', `/api/v1/data-files/${file.id}`, alice)).status).toBe(204);
    expect((await json<Page>(await t.call('GET', `/api/v1/experiments/${exp.id}/data-files`, alice))).total).toBe(0);
    expect((await json<Page>(await t.call('GET', `/api/v1/equipment/${equipment.id}/experiments`, alice))).total).toBe(0);
  });
});
