import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson } from '../../tests/setup/api-json.js';
import { eventually, startRawUpload } from '../../tests/setup/raw-upload.js';
import { serveTestApp, type ServedTestApp } from '../../tests/setup/serve-test-app.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { createApp } from '../api/app.js';
import { openBlobStore } from '../storage/open-blob-store.js';

// Real sockets: a client that drops the connection or stops sending mid-body, as in issue 18.
let t: TestApp;
let owner: TestUser;
let patient: ServedTestApp;
let impatient: ServedTestApp;
const dataDir = mkdtempSync(join(tmpdir(), 'liionsden-abort-'));
const IDLE_MS = 1000;

beforeAll(async () => {
  t = await createTestApp({ config: { dataDir } });
  owner = await t.createUser('contributor');
  patient = await serveTestApp(t.app);
  impatient = await serveTestApp(createApp({ ...t.deps, config: { ...t.deps.config, uploadIdleTimeoutMs: IDLE_MS } }));
});
afterAll(async () => {
  await patient.close();
  await impatient.close();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const tempKeys = () => openBlobStore(t.deps.config).list('tmp/');
const fileCount = async (experimentId: number) =>
  (await t.deps.db.selectFrom('data_files').select('id').where('experiment_id', '=', experimentId).execute()).length;

async function halfUpload(server: ServedTestApp) {
  const exp = (await expectJson(await t.call('POST', '/api/v1/experiments', owner, { name: `abort ${Math.random()}` }), 201)).id;
  const before = new Set(await tempKeys());
  const file = { name: 'half.csv', bytes: randomBytes(4 * 1024 * 1024) };
  const upload = startRawUpload(server.port, `/api/v1/experiments/${exp}/files`, owner.headers.authorization, file);
  upload.sendBody(file.bytes.length / 2);
  await eventually('the upload has a temp object', async () => (await tempKeys()).some((k) => !before.has(k)));
  return { exp, upload };
}

describe('partial uploads', () => {
  it('a client that drops the connection mid-body leaves no temp object and no data file', async () => {
    const { exp, upload } = await halfUpload(patient);
    upload.socket.destroy();
    await eventually('the temp object is removed', async () => (await tempKeys()).length === 0);
    expect(await fileCount(exp)).toBe(0);
  });

  it('an upload that sends nothing for the idle timeout is answered 408 and cleaned', async () => {
    const { exp, upload } = await halfUpload(impatient);
    const response = await upload.response;
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(response).toContain('"code":"REQUEST_TIMEOUT"');
    await eventually('the temp object is removed', async () => (await tempKeys()).length === 0);
    expect(await fileCount(exp)).toBe(0);
  });
});
