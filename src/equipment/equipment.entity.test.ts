import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson as json, type ErrorBody, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { detectionHintsForDataFile } from '../ingest/detection-hints.js';

describe('equipment default format', () => {
  let t: TestApp;
  let alice: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    alice = await t.createUser('contributor');
  });
  afterAll(async () => t.close());

  it('names a parser of the registry, on create and on update', async () => {
    const bad = await json<ErrorBody>(await t.call('POST', '/api/v1/equipment', alice, { name: 'Maccor 4000', default_format: 'maccor' }), 400);
    expect(bad.error.issues?.[0].field).toBe('default_format');
    expect(bad.error.issues?.[0].message).toContain('maccor-txt');
    const ok = await json(await t.call('POST', '/api/v1/equipment', alice, { name: 'Maccor 4000', default_format: 'maccor-txt' }), 201);
    await json(await t.call('PATCH', `/api/v1/equipment/${ok.id}`, alice, { default_format: 'neware' }), 400);
    expect((await json(await t.call('PATCH', `/api/v1/equipment/${ok.id}`, alice, { default_format: null }))).default_format).toBeNull();
  });

  it("is the format detection prefers for a data file recorded on it", async () => {
    const equipment = await json<Row>(await t.call('POST', '/api/v1/equipment', alice, { name: 'VMP3', default_format: 'biologic-mpt' }), 201);
    const file = { owner_id: alice.id, equipment_id: equipment.id as number, attributes: {} };
    expect(await detectionHintsForDataFile(t.handle.db, file)).toMatchObject({ preferredFormat: 'biologic-mpt' });
    expect((await detectionHintsForDataFile(t.handle.db, { ...file, equipment_id: null })).preferredFormat).toBeUndefined();
  });
});
