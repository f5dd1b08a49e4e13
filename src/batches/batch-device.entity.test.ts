import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson as json, type ErrorBody, type Page, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

describe('batches and devices API', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let spec: Row;
  let maker: Row;
  beforeAll(async () => {
    t = await createTestApp();
    alice = await t.createUser('contributor');
    bob = await t.createUser('contributor');
    const types = (await json<Page>(await t.call('GET', '/api/v1/device-types?name=Single%20cell', alice))).items;
    spec = await json(await t.call('POST', '/api/v1/specifications', alice, { name: 'LGM50', device_type_id: types[0].id, status: 'public' }), 201);
    maker = await json(await t.call('POST', '/api/v1/organisations', alice, { name: 'LG Energy Solution', is_cell_manufacturer: true, status: 'public' }), 201);
  });
  afterAll(async () => t.close());

  it('creates a batch, names devices from its serial template and refuses duplicates with 409', async () => {
    const protocol = await json(await t.call('POST', '/api/v1/protocols', alice, { name: 'Winding', type: 'manufacturing', steps: ['Coat', 'Calender', 'Wind'] }), 201);
    const batch = await json(
      await t.call('POST', '/api/v1/batches', alice, {
        name: 'LG-2024-07',
        specification_id: spec.id,
        manufacturer_id: maker.id,
        manufactured_on: '2024-07-15',
        size: 100,
        serial_template: 'LGM-%03d',
        manufacturing_protocol_id: protocol.id,
      }),
      201,
    );
    expect(batch).toMatchObject({ manufactured_on: '2024-07-15', size: 100, serial_template: 'LGM-%03d' });
    const d1 = await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence: 7 }), 201);
    expect(d1).toMatchObject({ serial: 'LGM-007', name: 'LGM-007', sequence: 7 });
    const d2 = await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id }), 201);
    expect(d2).toMatchObject({ sequence: 8, serial: 'LGM-008' });
    const dupSeq = await json<ErrorBody>(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence: 7 }), 409);
    expect(dupSeq.error).toMatchObject({ code: 'CONFLICT', issues: [{ field: 'sequence' }] });
    const dupSerial = await json<ErrorBody>(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence: 9, serial: 'LGM-007' }), 409);
    expect(dupSerial.error).toMatchObject({ code: 'CONFLICT', issues: [{ field: 'serial' }] });
    // The same serial in another batch is fine.
    const other = await json(await t.call('POST', '/api/v1/batches', alice, { name: 'Other lot', specification_id: spec.id }), 201);
    const d3 = await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: other.id, sequence: 1, serial: 'LGM-007' }), 201);
    expect(d3.serial).toBe('LGM-007');
    const plain = await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: other.id }), 201);
    expect(plain).toMatchObject({ sequence: 2, serial: 'Other lot-2' });

    // Changing the template renames the devices that followed it, not hand-set serials.
    const hand = await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence: 20, serial: 'CUSTOM-1' }), 201);
    await json(await t.call('PATCH', `/api/v1/batches/${batch.id}`, alice, { serial_template: 'B7/%04d' }));
    const devices = await json<Page>(await t.call('GET', `/api/v1/batches/${batch.id}/devices?sort=sequence`, alice));
    expect(devices.items.map((d) => d.serial)).toEqual(['B7/0007', 'B7/0008', 'CUSTOM-1']);
    expect((await json(await t.call('GET', `/api/v1/batches/${batch.id}`, alice))).device_count).toBe(3);
    await json(await t.call('GET', `/api/v1/batches/${batch.id}`, bob), 404);
    expect((await json(await t.call('GET', `/api/v1/devices/${hand.id}`, alice))).name).toBe('CUSTOM-1');

    const filtered = await json<Page>(await t.call('GET', `/api/v1/devices?batch_id=${batch.id}&sequence__gte=8&sort=-sequence`, alice));
    expect(filtered.items.map((d) => d.sequence)).toEqual([20, 8]);
    expect((await json<Page>(await t.call('GET', '/api/v1/devices?q=b7/000', alice))).total).toBe(2);
    const byMaker = await json<Page>(await t.call('GET', `/api/v1/batches?manufacturer_id=${maker.id}&manufactured_on__gte=2024-01-01`, alice));
    expect(byMaker.items.map((b) => b.id)).toEqual([batch.id]);
    const protocolBatches = await json<Page>(await t.call('GET', `/api/v1/protocols/${protocol.id}/batches`, alice));
    expect(protocolBatches.items.map((b) => b.id)).toEqual([batch.id]);
  });

  it('validates templates, dates and hidden batches', async () => {
    const bad = await json<ErrorBody>(await t.call('POST', '/api/v1/batches', alice, { name: 'X', specification_id: spec.id, serial_template: 'A-%s' }), 400);
    expect(bad.error.issues?.[0].field).toBe('serial_template');
    await json(await t.call('POST', '/api/v1/batches', alice, { name: 'X', specification_id: spec.id, manufactured_on: '2024-13-45' }), 400);
    await json(await t.call('POST', '/api/v1/batches', alice, { name: 'X', specification_id: spec.id, size: -1 }), 400);
    const secret = await json(await t.call('POST', '/api/v1/batches', bob, { name: 'Bob lot', specification_id: spec.id }), 201);
    await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: secret.id }), 400);
    await json(await t.call('GET', `/api/v1/batches/${secret.id}/devices`, alice), 404);
  });

  it('keeps sequence numbers within the batch size, and the size above the devices it holds', async () => {
    const batch = await json(await t.call('POST', '/api/v1/batches', alice, { name: 'Small lot', specification_id: spec.id, size: 24 }), 201);
    const beyond = await json<ErrorBody>(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence: 99 }), 400);
    expect(beyond.error.issues).toEqual([{ field: 'sequence', message: "99 is beyond the batch's size of 24" }]);
    const last = await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence: 24 }), 201);
    await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id }), 400); // next free number is 25: full
    await json(await t.call('PATCH', `/api/v1/devices/${last.id}`, alice, { sequence: 25 }), 400);
    const shrink = await json<ErrorBody>(await t.call('PATCH', `/api/v1/batches/${batch.id}`, alice, { size: 23 }), 400);
    expect(shrink.error.issues?.[0].field).toBe('size');
    await json(await t.call('PATCH', `/api/v1/batches/${batch.id}`, alice, { size: 30 }));
    expect((await json(await t.call('PATCH', `/api/v1/devices/${last.id}`, alice, { sequence: 25 }))).sequence).toBe(25);
    // A batch of no stated size takes any sequence.
    await json(await t.call('PATCH', `/api/v1/batches/${batch.id}`, alice, { size: null }));
    await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence: 999 }), 201);
  });

  it('locks a public batch against its owner, soft-deletes, and frees the sequence after a delete', async () => {
    const batch = await json(await t.call('POST', '/api/v1/batches', alice, { name: 'Lock lot', specification_id: spec.id, serial_template: 'L%d' }), 201);
    const device = await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence: 1 }), 201);
    expect(device.serial).toBe('L1');
    expect((await t.call('DELETE', `/api/v1/devices/${device.id}`, alice)).status).toBe(204);
    const again = await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence: 1 }), 201);
    expect(again.serial).toBe('L1');
    await json(await t.call('PATCH', `/api/v1/batches/${batch.id}`, alice, { status: 'public' }));
    await json(await t.call('PATCH', `/api/v1/batches/${batch.id}`, alice, { size: 3 }), 403);
    const exported = await t.call('GET', `/api/v1/batches/${batch.id}/devices`, alice);
    expect((await json<Page>(exported)).items.map((d) => d.id)).toEqual([again.id]);
    const csv = await (await t.call('GET', `/api/v1/devices/export?format=csv&batch_id=${batch.id}`, alice)).text();
    expect(csv.split('\r\n')[1]).toContain('L1');
  });
});
