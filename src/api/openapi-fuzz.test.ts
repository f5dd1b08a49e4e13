import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeRequest, fuzzRequest, listOperations, type OpenApiDocument } from '../../tests/setup/api-fuzz.js';
import { createRng } from '../../tests/setup/fuzz-values.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { seedDataFile, seedDevice } from '../series/data-api-seed.js';
import { openBlobStore } from '../storage/open-blob-store.js';

// A round sends every operation one malformed request as an administrator and one anonymously. Two rounds by
// default (CI, ~960 requests); bench/api-fuzz.sh runs many. A failure prints its seed: FUZZ_SEED=… replays it.
const seed = Number(process.env.FUZZ_SEED ?? 20261207);
const rounds = Number(process.env.FUZZ_ROUNDS ?? 2);

let t: TestApp;
let admin: TestUser;
let ids: string[];
const dataDir = mkdtempSync(join(tmpdir(), 'liionsden-fuzz-'));

beforeAll(async () => {
  t = await createTestApp({ config: { dataDir } });
  admin = await t.createUser('administrator');
  // Real records (a device, its batch, a parsed data file and its experiment), so that some requests get past the 404 to the code behind it.
  const device = await seedDevice(t.handle.db, admin.id, { m_am_pos: 20 });
  const file = await seedDataFile(t.handle.db, openBlobStore(t.deps.config), { ownerId: admin.id, status: 'public', deviceId: device.deviceId, dir: dataDir, cycles: 3 });
  const other = await t.createUser('contributor');
  ids = [...new Set(['1', '2', '3', device.batchId, device.deviceId, device.specificationId, file.id, other.id].map(String))];
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it(`answers malformed input to every OpenAPI operation without a 5xx (seed ${seed}, ${rounds} round(s))`, { timeout: 60_000 * rounds }, async () => {
  const doc = (await (await t.app.request('/api/openapi.json')).json()) as OpenApiDocument;
  const operations = listOperations(doc);
  expect(operations.length).toBeGreaterThan(100);
  const rng = createRng(seed);
  const failures: string[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const op of operations) {
      for (const user of [admin, null]) {
        const { url, body } = fuzzRequest(doc, op, rng, ids);
        const headers: Record<string, string> = { ...(user?.headers ?? { 'content-type': 'application/json' }) };
        const res = await t.app.request(url, { method: op.method, headers, body });
        await res.arrayBuffer();
        if (res.status >= 500) failures.push(`${res.status} ${describeRequest(op.method, user ? 'administrator' : 'anonymous', url, body)}`);
        // A fuzzed request may have revoked the administrator's token or deactivated it: carry on with a new one.
        if (user && res.status === 401) admin = await t.createUser('administrator');
      }
    }
  }
  expect(failures, `seed ${seed}: ${failures.length} request(s) answered 5xx:\n${failures.join('\n')}`).toEqual([]);
});
