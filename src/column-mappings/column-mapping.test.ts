import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type ErrorBody, type Page, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { startWorkers, type RunningWorkers } from '../ingest/worker.js';
import { openBlobStore } from '../storage/open-blob-store.js';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let workers: RunningWorkers;
const dataDir = mkdtempSync(join(tmpdir(), 'liionsden-mappings-'));

beforeAll(async () => {
  t = await createTestApp({ config: { dataDir } });
  alice = await t.createUser('contributor');
  bob = await t.createUser('contributor');
  workers = startWorkers({ db: t.deps.db, blobStore: openBlobStore(t.deps.config) }, { count: 1, pollMs: 50 });
});
afterAll(async () => {
  await workers.stop();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A lab CSV no vendor parser knows: `;`-separated, decimal comma, time in minutes, voltage in mV. */
function labCsv(voltageHeader = 'Spannung'): Uint8Array {
  const rows = ['Prüfstand 7', `Zeit;${voltageHeader};Strom`];
  for (let k = 0; k <= 60; k++) rows.push(`${k},0;${3600 + k};${k < 30 ? '1,5' : '-1,5'}`);
  return new TextEncoder().encode(rows.join('\n') + '\n');
}

const mappingOf = (voltageHeader: string, voltageUnit = 'mV') => ({
  columns: { Zeit: { name: 'Test Time / s', unit: 'min' }, [voltageHeader]: { name: 'Voltage / V', unit: voltageUnit }, Strom: { name: 'Current / A', unit: 'A' } },
  delimiter: ';',
  decimalComma: true,
});

function send(user: TestUser, experimentId: number, bytes: Uint8Array, fields: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)]), 'lab.csv');
  return Promise.resolve(t.app.request(`/api/v1/experiments/${experimentId}/files`, { method: 'POST', headers: { authorization: user.headers.authorization }, body: form }));
}

async function upload(user: TestUser, experimentId: number, bytes: Uint8Array, fields: Record<string, string> = {}): Promise<number> {
  return (await expectJson<{ dataFileId: number }>(await send(user, experimentId, bytes, fields), 201)).dataFileId;
}

async function settled(id: number, user: TestUser): Promise<Row> {
  for (let i = 0; i < 600; i++) {
    const row = await expectJson(await t.call('GET', `/api/v1/data-files/${id}`, user));
    if (row.state === 'ready' || row.state === 'failed') return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`data file ${id} never settled`);
}

const columnNames = (row: Row) => (row.columns as { name: string; originalName: string }[]).map((c) => `${c.originalName}→${c.name}`);

describe('column mappings', () => {
  it('are validated against the canonical columns and their units', async () => {
    const bad = await expectJson<ErrorBody>(
      await t.call('POST', '/api/v1/column-mappings', alice, {
        name: 'Bad',
        mapping: { columns: { U: { name: 'Voltage / V', unit: 'mA' }, I: { name: 'Current / Q', unit: 'A' }, t: { name: 'Test Time / s', unit: 's' } } },
      }),
      400,
    );
    const fields = bad.error.issues!.map((i) => i.field);
    expect(fields).toContain('mapping.columns.U.unit');
    expect(fields).toContain('mapping.columns.I.name');
    const missing = await expectJson<ErrorBody>(await t.call('POST', '/api/v1/column-mappings', alice, { name: 'No current', mapping: { columns: { U: { name: 'Voltage / V', unit: 'V' }, t: { name: 'Unix Time / s', unit: 'datetime:dmy' } } } }), 400);
    expect(missing.error.message).toContain('Current / A');
    await expectJson(await t.call('POST', '/api/v1/column-mappings', alice, { name: 'Bad delimiter', mapping: { ...mappingOf('U'), delimiter: '|' } }), 400);
  });

  it('are listed, read, updated and soft-deleted in the owner’s visibility scope', async () => {
    const created = await expectJson(await t.call('POST', '/api/v1/column-mappings', alice, { name: 'Rig 7', mapping: mappingOf('Spannung') }), 201);
    expect(created.equipment_id).toBeNull();
    expect((created.mapping as { columns: Record<string, unknown> }).columns).toHaveProperty('Spannung');
    await expectJson(await t.call('GET', `/api/v1/column-mappings/${created.id}`, bob), 404);
    const updated = await expectJson(await t.call('PATCH', `/api/v1/column-mappings/${created.id}`, alice, { name: 'Rig 7 (mV)', status: 'public' }));
    expect(updated.name).toBe('Rig 7 (mV)');
    const seen = await expectJson<Page>(await t.call('GET', '/api/v1/column-mappings?q=rig%207', bob));
    expect(seen.items.map((r) => r.id)).toContain(created.id);
    expect((await t.call('DELETE', `/api/v1/column-mappings/${created.id}`, alice)).status).toBe(204);
    await expectJson(await t.call('GET', `/api/v1/column-mappings/${created.id}`, alice), 404);
  });

  it('are tried by ingest: the equipment’s first, then general ones; an explicit columnMappingId wins', async () => {
    const exp = (await expectJson(await t.call('POST', '/api/v1/experiments', alice, { name: 'Mapped lab files' }), 201)).id;
    const rig = (await expectJson(await t.call('POST', '/api/v1/equipment', alice, { name: 'Rig 8' }), 201)).id;
    // Same headers, different voltage units: which mapping was used shows in the stored voltage.
    const general = (await expectJson(await t.call('POST', '/api/v1/column-mappings', alice, { name: 'General', mapping: mappingOf('U', 'mV') }), 201)).id;
    const rigMapping = (await expectJson(await t.call('POST', '/api/v1/column-mappings', alice, { name: 'Rig 8', equipment_id: rig, mapping: mappingOf('U', 'V') }), 201)).id;
    const related = await expectJson<Page>(await t.call('GET', `/api/v1/equipment/${rig}/column-mappings`, alice));
    expect(related.items.map((m) => m.id)).toEqual([rigMapping]);
    await expectJson(await t.call('POST', '/api/v1/column-mappings', bob, { name: 'Bob’s private', mapping: mappingOf('Spannung') }), 201);

    const viaGeneral = await settled(await upload(alice, exp, labCsv('U')), alice);
    expect(viaGeneral.state).toBe('ready');
    expect(viaGeneral.format).toBe('generic-csv');
    expect(columnNames(viaGeneral)).toEqual(expect.arrayContaining(['Zeit→Test Time / s', 'U→Voltage / V', 'Strom→Current / A']));
    const maxVoltageOf = async (id: number) => (await expectJson<{ cycles: { maxVoltageV: number }[] }>(await t.call('GET', `/api/v1/data-files/${id}/cycles`, alice))).cycles[0].maxVoltageV;
    expect(await maxVoltageOf(viaGeneral.id)).toBeCloseTo(3.66, 9);

    // The same content again (one more blank line, so it is not a duplicate upload) from the rig.
    const viaRig = await settled(await upload(alice, exp, new Uint8Array([...labCsv('U'), 0x0a]), { equipmentId: String(rig) }), alice);
    expect(viaRig.state).toBe('ready');
    expect(await maxVoltageOf(viaRig.id)).toBeCloseTo(3660, 9);

    const explicit = await settled(await upload(alice, exp, new Uint8Array([...labCsv('U'), 0x0a, 0x0a]), { equipmentId: String(rig), columnMappingId: String(general) }), alice);
    expect(explicit.attributes).toEqual({ columnMappingId: general });
    expect(await maxVoltageOf(explicit.id)).toBeCloseTo(3.66, 9);

    // Bob's private mapping is not alice's: her file with its headers fails as unknown.
    const unknown = await settled(await upload(alice, exp, labCsv('Spannung')), alice);
    expect(unknown.state).toBe('failed');
    expect((unknown.error as { code: string }).code).toBe('UNSUPPORTED_FORMAT');
    const hidden = await send(alice, exp, labCsv('X'), { columnMappingId: '999999' });
    expect((await expectJson<ErrorBody>(hidden, 400)).error.issues![0].field).toBe('columnMappingId');
  });
});
