import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

/** Counts the statements a Kysely instance executes (transformQuery also sees each subquery, so count results). */
function countingPlugin(counter: { n: number }): KyselyPlugin {
  return {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => args.node,
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => (counter.n++, args.result),
  };
}

describe('statements per list request', () => {
  let t: TestApp;
  let user: TestUser;
  const counter = { n: 0 };
  beforeAll(async () => {
    t = await createTestApp();
    user = await t.createUser('contributor');
    const batch = (await (await t.call('POST', '/api/v1/batches', user, { name: 'B', size: 4, serial_template: 'B-%02d', status: 'public', specification_id: await spec() })).json()) as { id: number };
    await t.call('POST', '/api/v1/experiments', user, { name: 'E', type: 'gitt', status: 'public', devices: [{ batch_id: batch.id, sequence: 1, position: 'a' }] });
    // The same app, its database wrapped in a statement counter.
    t.deps.db = t.deps.db.withPlugin(countingPlugin(counter));
  });
  afterAll(async () => t.close());

  async function spec(): Promise<number> {
    const res = await t.call('POST', '/api/v1/specifications', user, { name: 'S', device_type_id: 1, status: 'public' });
    return ((await res.json()) as { id: number }).id;
  }
  const statements = async (path: string) => {
    await t.call('GET', path, user); // the credential lookup is cached from here on
    counter.n = 0;
    const res = await t.call('GET', path, user);
    expect(res.status).toBe(200);
    return counter.n;
  };

  it('sends one statement for a page with its total and its derived fields (devices under test, device counts, devices of data files)', async () => {
    expect(await statements('/api/v1/devices?sort=-sequence')).toBe(1);
    expect(await statements('/api/v1/experiments?type=gitt&sort=-date')).toBe(1);
    expect(await statements('/api/v1/batches?sort=name')).toBe(1);
    expect(await statements('/api/v1/data-files?sort=-id')).toBe(1);
  });

  it('reads the derived fields of a detail by id, once', async () => {
    const list = (await (await t.call('GET', '/api/v1/experiments', user)).json()) as { items: { id: number; devices: { position: string }[] }[] };
    expect(list.items[0].devices.map((d) => d.position)).toEqual(['a']);
    // The row through the visibility scope, then its derived fields.
    expect(await statements(`/api/v1/experiments/${list.items[0].id}`)).toBe(2);
    const detail = (await (await t.call('GET', `/api/v1/experiments/${list.items[0].id}`, user)).json()) as { devices: { position: string; serial: string }[] };
    expect(detail.devices).toEqual([expect.objectContaining({ position: 'a', serial: 'B-01' })]);
  });
});
