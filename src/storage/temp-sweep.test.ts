import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../../tests/setup/raw-upload.js';
import { putContent, type BlobStore } from './blob-store.js';
import { createLocalBlobStore } from './local-blob-store.js';
import { startTempSweeper, sweepTempObjects } from './temp-sweep.js';

// The local store on a real directory; ages are set with utimes, as a crashed upload's file would have them.
const dir = mkdtempSync(join(tmpdir(), 'liionsden-sweep-'));
let store: BlobStore;
beforeEach(() => {
  rmSync(dir, { recursive: true, force: true });
  store = createLocalBlobStore(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOUR_MS = 60 * 60 * 1000;
async function tempObject(ageMs: number): Promise<string> {
  const { key } = await store.putTemp(Readable.from([randomBytes(1000)]));
  const when = new Date(Date.now() - ageMs);
  utimesSync(join(dir, key), when, when);
  return key;
}

describe('temp sweep (local store)', () => {
  it('removes temp objects older than the grace period and keeps fresh ones and stored blobs', async () => {
    const old = await tempObject(2 * HOUR_MS);
    const fresh = await tempObject(5 * 60 * 1000);
    const blob = await putContent(store, Readable.from([randomBytes(100)]));
    utimesSync(join(dir, blob.key), new Date(0), new Date(0));
    expect(await sweepTempObjects(store)).toEqual([old]);
    expect(await store.list('')).toEqual([blob.key, fresh].sort());
  });

  it('never removes an upload that is still writing, however long it has been running', async () => {
    const bytes = randomBytes(400 * 1000);
    async function* slowly(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 1000) {
        yield bytes.subarray(i, i + 1000);
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    // Runs for over two grace periods of 1.5 s: the age is counted from the last write, not the start.
    const errors: unknown[] = [];
    const sweeper = startTempSweeper(store, { graceMs: 1500, intervalMs: 50, onError: (err) => errors.push(err) });
    const temp = await store.putTemp(slowly());
    await sweeper.stop();
    expect(errors).toEqual([]);
    expect(await store.size(temp.key)).toBe(bytes.length);
    expect(temp.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('sweeps when started and then periodically', async () => {
    const atStart = await tempObject(2 * HOUR_MS);
    const fresh = await tempObject(0);
    const errors: unknown[] = [];
    const sweeper = startTempSweeper(store, { intervalMs: 50, onError: (err) => errors.push(err) });
    try {
      await eventually('the orphan present at start is removed', async () => (await store.size(atStart)) === null);
      const later = await tempObject(2 * HOUR_MS);
      await eventually('an orphan left later is removed', async () => (await store.size(later)) === null);
      expect(await store.list('tmp/')).toEqual([fresh]);
      expect(errors).toEqual([]);
    } finally {
      await sweeper.stop();
    }
  });
});
