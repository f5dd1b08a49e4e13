import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type ErrorBody } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';

let t: TestApp;
let owner: TestUser;
let experimentId: number;
const dataDir = mkdtempSync(join(tmpdir(), 'liionsden-upload-input-'));

beforeAll(async () => {
  t = await createTestApp({ config: { dataDir } });
  owner = await t.createUser('contributor');
  experimentId = (await expectJson(await t.call('POST', '/api/v1/experiments', owner, { name: 'Uploads' }), 201)).id;
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function post(body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return t.app.request(`/api/v1/experiments/${experimentId}/files`, { method: 'POST', headers: { authorization: owner.headers.authorization, ...headers }, body });
}

let uploads = 0;

/** A form with a file of its own bytes (the same bytes twice in one experiment would be a 409). */
function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([`Test_Time(s),Voltage(V)\n${++uploads},3.7\n`]), 'cell.csv');
  return f;
}

/** The 400's issues as { field: message }. */
async function issuesOf(res: Response): Promise<Record<string, string>> {
  const body = await expectJson<ErrorBody>(res, 400);
  expect(body.error.code).toBe('VALIDATION');
  return Object.fromEntries((body.error.issues ?? []).map((i) => [i.field, i.message]));
}

describe('upload form input is a 400 naming the field, never a 500', () => {
  it.each(['[1,', '[{"a":1}]', '1,x', '{}'])('deviceIds=%s', async (deviceIds) => {
    expect(Object.keys(await issuesOf(await post(form({ deviceIds }))))[0]).toMatch(/^deviceIds/);
  });

  it.each([
    ['name', 'a\u0000b'],
    ['timezone', 'Europe/Nowhere'],
    ['equipmentId', '0'],
    ['columnMappingId', '1e3'],
  ])('%s=%j', async (field, value) => {
    expect(Object.keys(await issuesOf(await post(form({ [field]: value }))))).toEqual([field]);
  });

  it('an unknown field', async () => {
    const res = await post(form({ unknownField: 'x' }));
    expect((await expectJson<ErrorBody>(res, 400)).error.message).toContain('unknownField');
  });

  it.each([
    ['quoted', 'filename="a\u0000.csv"', '(body)'],
    ['RFC 5987', "filename*=UTF-8''a%00.csv", 'file'],
  ])('a NUL in the %s file name', async (_kind, disposition, field) => {
    const body = `--b\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\n\r\nx\r\n--b--\r\n`;
    expect(Object.keys(await issuesOf(await post(body, { 'content-type': 'multipart/form-data; boundary=b' })))).toEqual([field]);
  });

  it('multipart/form-data without a boundary', async () => {
    expect(await issuesOf(await post('--x\r\n', { 'content-type': 'multipart/form-data' }))).toHaveProperty('content-type');
  });

  it('still takes ids as a JSON array or a comma list', async () => {
    const device = await seedDevice();
    await expectJson(await post(form({ deviceIds: `[${device}]`, name: ' First ' })), 201);
    await expectJson(await post(form({ deviceIds: ` ${device}, ` })), 201);
  });
});

async function seedDevice(): Promise<number> {
  const types = await expectJson<{ items: { id: number }[] }>(await t.call('GET', '/api/v1/device-types', owner));
  const spec = await expectJson(await t.call('POST', '/api/v1/specifications', owner, { name: 'Spec', device_type_id: types.items[0].id }), 201);
  const batch = await expectJson(await t.call('POST', '/api/v1/batches', owner, { name: 'Lot', specification_id: spec.id }), 201);
  return (await expectJson(await t.call('POST', '/api/v1/devices', owner, { batch_id: batch.id }), 201)).id;
}
