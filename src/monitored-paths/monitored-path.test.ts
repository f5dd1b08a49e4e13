import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson as json, type ErrorBody, type Page, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

type Placement = { name: string; source: string; experiment_id: number | null; device_ids: number[]; equipment_id: number | null; reason: string | null };

describe('monitored paths, their rules and unassigned files', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let cells: Row[];
  let channelsExp: Row;
  let defaultExp: Row;
  let equipment: Row;
  beforeAll(async () => {
    t = await createTestApp();
    alice = await t.createUser('contributor');
    bob = await t.createUser('contributor');
    const types = (await json<Page>(await t.call('GET', '/api/v1/device-types?name=Single%20cell', alice))).items;
    const spec = await json(await t.call('POST', '/api/v1/specifications', alice, { name: 'LGM50', device_type_id: types[0].id }), 201);
    const batch = await json(await t.call('POST', '/api/v1/batches', alice, { name: 'B1', specification_id: spec.id, serial_template: 'CH%d' }), 201);
    cells = [];
    for (const sequence of [1, 2]) cells.push(await json(await t.call('POST', '/api/v1/devices', alice, { batch_id: batch.id, sequence }), 201));
    channelsExp = await json(await t.call('POST', '/api/v1/experiments', alice, { name: 'channels' }), 201);
    defaultExp = await json(await t.call('POST', '/api/v1/experiments', alice, { name: 'default' }), 201);
    equipment = await json(await t.call('POST', '/api/v1/equipment', alice, { name: 'Arbin BT2000' }), 201);
  });
  afterAll(async () => t.close());

  const channelRule = () => ({ syntax: 'regex', pattern: '^(?<channel>ch\\d+)/', experiment_id: channelsExp.id, device: { kind: 'group', group: 'channel', match: 'serial' } });
  const place = async (user: TestUser, pathId: number, names: string[]) =>
    (await json<{ files: Placement[] }>(await t.call('POST', `/api/v1/monitored-paths/${pathId}/placements`, user, { files: names.map((name) => ({ name, size_bytes: 10 })) }))).files;

  it('is a record with visibility and edit history, filtered by harvester name', async () => {
    const created = await json(
      await t.call('POST', '/api/v1/monitored-paths', alice, { name: 'Arbin data', harvester_name: 'pc-3', folder: 'D:/Arbin', glob: '**/*.csv', equipment_id: equipment.id, rules: [channelRule()] }),
      201,
    );
    expect(created).toMatchObject({ enabled: true, glob: '**/*.csv', default_experiment_id: null, status: 'private', rules: [channelRule()] });
    await json(await t.call('PATCH', `/api/v1/monitored-paths/${created.id}`, alice, { enabled: false }));
    const history = await json<{ changes: Record<string, { old: unknown; new: unknown }> }[]>(await t.call('GET', `/api/v1/monitored-paths/${created.id}/history`, alice));
    expect(history.some((h) => h.changes.enabled?.old === true && h.changes.enabled?.new === false)).toBe(true);
    expect((await t.call('GET', `/api/v1/monitored-paths/${created.id}`, bob)).status).toBe(404);
    const mine = await json<Page>(await t.call('GET', '/api/v1/monitored-paths?harvester_name=pc-3&enabled=false', alice));
    expect(mine.items.map((p) => p.id)).toEqual([created.id]);
    expect((await json<Page>(await t.call('GET', '/api/v1/monitored-paths?harvester_name=pc-3&enabled=true', alice))).total).toBe(0);
  });

  it('refuses bad rules, saying which and where', async () => {
    const post = (rules: unknown[]) => t.call('POST', '/api/v1/monitored-paths', alice, { name: 'bad', harvester_name: 'pc', folder: '/data', rules });
    const issues = async (rules: unknown[]) => (await json<ErrorBody>(await post(rules), 400)).error.issues!;
    expect(await issues([{ ...channelRule(), pattern: '^ch(?<channel>\\d+' }])).toEqual([expect.objectContaining({ field: 'rules.0.pattern', message: expect.stringContaining('not a valid regular expression') })]);
    expect(await issues([{ ...channelRule(), pattern: '^ch(\\d+)/' }])).toEqual([expect.objectContaining({ field: 'rules.0.device.group', message: "the pattern has no named group 'channel'" })]);
    expect(await issues([{ ...channelRule(), syntax: 'glob', pattern: 'ch*/**' }])).toEqual([expect.objectContaining({ field: 'rules.0.device.group' })]);
    const hidden = await json(await t.call('POST', '/api/v1/experiments', bob, { name: "bob's" }), 201);
    expect(await issues([{ ...channelRule(), experiment_id: hidden.id }])).toEqual([expect.objectContaining({ field: 'rules.experiment_id' })]);
  });

  it('places files by assignment, rule (channel → device), default; the rest wait until assigned', async () => {
    const path = await json(
      await t.call('POST', '/api/v1/monitored-paths', alice, {
        name: 'placing',
        harvester_name: 'pc-4',
        folder: '/data',
        equipment_id: equipment.id,
        rules: [channelRule(), { syntax: 'glob', pattern: 'fixed/*.mpr', experiment_id: channelsExp.id, device: { kind: 'fixed', device_ids: [cells[1].id] } }],
      }),
      201,
    );
    const first = await place(alice, path.id, ['ch2/run.csv', 'fixed/a.mpr', 'loose.csv', 'ch9/run.csv']);
    expect(first).toEqual([
      { name: 'ch2/run.csv', source: 'rule', experiment_id: channelsExp.id, device_ids: [cells[1].id], equipment_id: equipment.id, reason: null },
      { name: 'fixed/a.mpr', source: 'rule', experiment_id: channelsExp.id, device_ids: [cells[1].id], equipment_id: equipment.id, reason: null },
      expect.objectContaining({ name: 'loose.csv', source: 'unassigned', experiment_id: null, reason: 'no rule matches and the path has no default experiment' }),
      expect.objectContaining({ name: 'ch9/run.csv', source: 'unassigned', reason: expect.stringContaining("no visible device with serial 'ch9'") }),
    ]);
    const waiting = await json<{ items: Row[] }>(await t.call('GET', `/api/v1/unassigned-files?monitored_path_id=${path.id}`, alice));
    expect(waiting.items.map((f) => f.name)).toEqual(['loose.csv', 'ch9/run.csv']);
    expect((await json<{ items: Row[] }>(await t.call('GET', '/api/v1/unassigned-files', bob))).items).toEqual([]);
    expect((await t.call('POST', `/api/v1/monitored-paths/${path.id}/placements`, bob, { files: [] })).status).toBe(404);

    // A person assigns one; a default experiment places the other.
    const loose = waiting.items[0];
    expect((await t.call('POST', `/api/v1/unassigned-files/${loose.id}/assign`, bob, { experiment_id: defaultExp.id })).status).toBe(404);
    const bad = await json<ErrorBody>(await t.call('POST', `/api/v1/unassigned-files/${loose.id}/assign`, alice, { experiment_id: defaultExp.id, device_ids: [999999] }), 400);
    expect(bad.error.issues).toEqual([expect.objectContaining({ field: 'device_ids' })]);
    expect(await json(await t.call('POST', `/api/v1/unassigned-files/${loose.id}/assign`, alice, { experiment_id: defaultExp.id, device_ids: [cells[0].id] }))).toMatchObject({
      experiment_id: defaultExp.id,
      device_ids: [cells[0].id],
    });
    await json(await t.call('PATCH', `/api/v1/monitored-paths/${path.id}`, alice, { default_experiment_id: defaultExp.id }));
    const second = await place(alice, path.id, ['loose.csv', 'ch9/run.csv']);
    expect(second).toEqual([
      { name: 'loose.csv', source: 'assigned', experiment_id: defaultExp.id, device_ids: [cells[0].id], equipment_id: equipment.id, reason: null },
      expect.objectContaining({ name: 'ch9/run.csv', source: 'unassigned' }), // a rule matched: the missing device is not papered over by the default
    ]);
    expect((await json<{ items: Row[] }>(await t.call('GET', `/api/v1/unassigned-files?monitored_path_id=${path.id}`, alice))).items.map((f) => f.name)).toEqual(['ch9/run.csv']);
    expect((await json<{ items: Row[] }>(await t.call('GET', `/api/v1/unassigned-files?monitored_path_id=${path.id}&state=assigned`, alice))).items.map((f) => f.name)).toEqual(['loose.csv']);
    expect(await place(alice, path.id, ['other.csv'])).toEqual([expect.objectContaining({ source: 'default', experiment_id: defaultExp.id })]);
  });
});
