import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

type Row = Record<string, unknown> & { id: number };

// A data file names the devices it covers; a viewer sees only the ids of devices they may see, on every read path.
describe("a data file's device ids", () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let fileId: number;
  let publicDevice: number;
  let privateDevice: number;
  const json = async <T = Row>(res: Response | Promise<Response>) => (await res).json() as Promise<T>;
  beforeAll(async () => {
    t = await createTestApp();
    alice = await t.createUser('contributor');
    bob = await t.createUser('contributor');
    const spec = await json(t.call('POST', '/api/v1/specifications', alice, { name: 'Cell', device_type_id: 1, status: 'public' }));
    const open = await json(t.call('POST', '/api/v1/batches', alice, { name: 'Open lot', specification_id: spec.id, serial_template: 'O-%02d', status: 'public' }));
    const closed = await json(t.call('POST', '/api/v1/batches', alice, { name: 'Closed lot', specification_id: spec.id, serial_template: 'C-%02d' }));
    publicDevice = (await json(t.call('POST', '/api/v1/devices', alice, { batch_id: open.id, sequence: 1, status: 'public' }))).id;
    privateDevice = (await json(t.call('POST', '/api/v1/devices', alice, { batch_id: closed.id, sequence: 1 }))).id;
    const experiment = await json(t.call('POST', '/api/v1/experiments', alice, { name: 'Shared run', status: 'public' }));
    const [file] = await t.handle.db
      .insertInto('data_files')
      .values({ name: 'run.csv', original_name: 'run.csv', experiment_id: experiment.id, sha256: 'c'.repeat(64), size_bytes: 10, blob_key: 'blobs/cc', owner_id: alice.id, status: 'public', state: 'ready' })
      .returning('id')
      .execute();
    fileId = file.id;
    await t.handle.db.insertInto('data_file_devices').values([{ data_file_id: fileId, device_id: privateDevice }, { data_file_id: fileId, device_id: publicDevice }]).execute();
  });
  afterAll(async () => t.close());

  it('lists every device to its owner and only the visible one to another user (list, detail, export)', async () => {
    const both = [publicDevice, privateDevice].sort((a, b) => a - b);
    for (const [user, expected] of [[alice, both], [bob, [publicDevice]]] as const) {
      const list = await json<{ items: Row[] }>(t.call('GET', `/api/v1/data-files?page_size=500`, user));
      expect(list.items.find((r) => r.id === fileId)?.device_ids).toEqual(expected);
      expect((await json(t.call('GET', `/api/v1/data-files/${fileId}`, user))).device_ids).toEqual(expected);
      const exported = await json<Row[]>(t.call('GET', '/api/v1/data-files/export?format=json', user));
      expect(exported.find((r) => r.id === fileId)?.device_ids).toEqual(expected);
    }
  });
});
