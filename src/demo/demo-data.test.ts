import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson as json, type Page, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp } from '../../tests/setup/test-app.js';
import { verifyPassword } from '../auth/password.js';
import { ConflictError } from '../domain/errors.js';
import { fillDemoData, type DemoAccount } from './demo-data.js';

describe('demo data', () => {
  let t: TestApp;
  let accounts: DemoAccount[];
  beforeAll(async () => {
    t = await createTestApp();
    accounts = await fillDemoData(t.handle.db);
  });
  afterAll(async () => t.close());

  it('creates one active user per role whose printed password works', async () => {
    expect(accounts.map((a) => a.role).sort()).toEqual(['administrator', 'contributor', 'maintainer', 'read_only', 'user_manager']);
    for (const a of accounts) {
      const user = await t.handle.db.selectFrom('users').select(['password_hash', 'is_active', 'role']).where('username', '=', a.username).executeTakeFirstOrThrow();
      expect(user).toMatchObject({ is_active: true, role: a.role });
      expect(await verifyPassword(a.password, user.password_hash)).toBe(true);
    }
  });

  it('fills a spec tree, batches with devices, equipment, protocols and experiments visible to a reader', async () => {
    const reader = await t.createUser('read_only');
    const specs = await json<Page>(await t.call('GET', '/api/v1/specifications?sort=id', reader));
    expect(specs.items.map((s) => s.name)).toEqual(['Demo 12S1P module', 'INR21700-50E']);
    const cell = specs.items[1];
    expect(cell.parent_id).toBe(specs.items[0].id);
    expect((cell.effective_parameter_values as Row[]).some((v) => v.inherited && v.value === 'cylindrical 21700')).toBe(true);
    const batches = await json<Page>(await t.call(`GET`, `/api/v1/specifications/${cell.id}/batches`, reader));
    const devices = await json<Page>(await t.call('GET', `/api/v1/batches/${batches.items[0].id}/devices?sort=sequence`, reader));
    expect(devices.items.slice(0, 2).map((d) => d.serial)).toEqual(['D50E-001', 'D50E-002']);
    const experiments = await json<Page>(await t.call('GET', `/api/v1/batches/${batches.items[0].id}/experiments`, reader));
    expect(experiments.total).toBe(4);
    expect((await json<Page>(await t.call('GET', '/api/v1/equipment', reader))).total).toBe(3);
    expect((await json<Page>(await t.call('GET', '/api/v1/protocols?type=experimental', reader))).total).toBe(3);
    expect((await json<Page>(await t.call('GET', '/api/v1/experiments?type=drive_cycle', reader))).total).toBe(1);
    const anode = (await json<Page>(await t.call('GET', '/api/v1/components?type=anode', reader))).items[0];
    expect((anode.compounds as Row[]).map((c) => c.percent)).toEqual([95, 5]);
  });

  it('refuses to run again on a database that holds data', async () => {
    await expect(fillDemoData(t.handle.db)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('demo data that fails part way', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('leaves the database as it was, so it can be run again', async () => {
    const tables = ['organisations', 'users', 'record_history', 'device_specifications', 'batches', 'devices', 'experiments', 'literature_references'] as const;
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const table of tables) out[table] = Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      return out;
    };
    const before = await counts();
    // The last step looks up this seeded parameter: without it the demo fails after writing everything else.
    const parameter = await t.handle.db.selectFrom('parameters').selectAll().where('name', '=', 'Nominal capacity').where('kind', '=', 'device').executeTakeFirstOrThrow();
    await t.handle.db.deleteFrom('parameters').where('id', '=', parameter.id).execute();
    await expect(fillDemoData(t.handle.db)).rejects.toThrow(/no result/i);
    expect(await counts()).toEqual(before);

    await t.handle.db.insertInto('parameters').values(parameter).execute();
    expect(await fillDemoData(t.handle.db)).toHaveLength(5);
    expect((await counts()).experiments).toBeGreaterThan(before.experiments);
  });
});
