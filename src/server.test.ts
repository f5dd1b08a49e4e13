import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../tests/setup/raw-upload.js';
import { loadConfig } from './config.js';
import { startServer } from './server.js';
import { openBlobStore } from './storage/open-blob-store.js';

const dataDir = mkdtempSync(join(tmpdir(), 'liionsden-server-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('startServer', () => {
  it('removes abandoned uploads left under tmp/ when it starts, and keeps recent ones', async () => {
    // As a server killed mid-upload leaves them: one two hours old, one from a minute ago.
    const tmp = join(dataDir, 'files', 'tmp');
    mkdirSync(tmp, { recursive: true });
    const [old, recent] = [randomUUID(), randomUUID()];
    for (const [name, ageMs] of [[old, 2 * 60 * 60 * 1000], [recent, 60 * 1000]] as const) {
      writeFileSync(join(tmp, name), 'partial bytes');
      const when = new Date(Date.now() - ageMs);
      utimesSync(join(tmp, name), when, when);
    }
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, WORKERS: '0', LOG_LEVEL: 'silent' });
    const server = await startServer(config);
    try {
      const store = openBlobStore(config);
      await eventually('the abandoned upload is removed', async () => (await store.size(`tmp/${old}`)) === null);
      expect(await store.list('tmp/')).toEqual([`tmp/${recent}`]);
    } finally {
      await server.stop();
    }
  });
});
