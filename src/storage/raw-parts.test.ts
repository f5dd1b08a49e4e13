import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobBackends } from '../../tests/setup/blob-backends.js';
import { PayloadTooLargeError, putContent, readAll } from './blob-store.js';
import { appendRaw, type StoredRaw } from './raw-append.js';
import { isPartsKey, partsKey, partWindows, withRawParts, type RawPartsStore } from './raw-parts.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('partWindows', () => {
  it('cuts a byte range of the whole file into windows of its parts', () => {
    const parts = [{ key: 'blobs/a', sizeBytes: 10 }, { key: 'blobs/b', sizeBytes: 5 }, { key: 'blobs/c', sizeBytes: 7 }];
    expect(partWindows(parts, { offset: 8, length: 10 })).toEqual([
      { key: 'blobs/a', offset: 8, length: 2 }, { key: 'blobs/b', offset: 0, length: 5 }, { key: 'blobs/c', offset: 0, length: 3 },
    ]);
    expect(partWindows(parts, { offset: 10, length: 5 })).toEqual([{ key: 'blobs/b', offset: 0, length: 5 }]);
    expect(partWindows(parts, { offset: 22, length: 4 })).toEqual([]);
  });
});

describe.each(blobBackends)('raw files stored as parts: $name', ({ open }) => {
  let store: RawPartsStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await open();
    store = withRawParts(opened.store);
    close = opened.close;
  });
  afterAll(async () => close());

  /** A plain blob grown by `appends`: each step's stored file, with the bytes it should hold. */
  async function grow(first: Buffer, appends: Buffer[]): Promise<{ raw: StoredRaw; bytes: Buffer }[]> {
    const blob = await putContent(store, chunksOf(first, 4096));
    let raw: StoredRaw = blob;
    let bytes = first;
    const steps = [];
    for (const more of appends) {
      raw = await appendRaw(store, raw, chunksOf(more, 1000));
      bytes = Buffer.concat([bytes, more]);
      steps.push({ raw, bytes });
    }
    return steps;
  }

  it('reads back the concatenation, whole and in any window, with the whole file\'s sha256', async () => {
    const first = randomBytes(200_000);
    const appends = [5_000, 3_000, 3_000, 40_000, 1, 12_345].map((n) => randomBytes(n));
    for (const { raw, bytes } of await grow(first, appends)) {
      expect(raw).toEqual({ key: partsKey(sha(bytes)), sha256: sha(bytes), sizeBytes: bytes.length });
      expect(Buffer.from(await readAll(store, raw.key)).equals(bytes)).toBe(true);
      expect(await store.size(raw.key)).toBe(bytes.length);
      for (const [offset, length] of [[0, 10], [199_990, 20], [bytes.length - 65_536, 65_536], [bytes.length - 1, 1]]) {
        expect(Buffer.from(await readAll(store, raw.key, { offset, length })).equals(bytes.subarray(offset, offset + length))).toBe(true);
      }
      expect(store.localPath?.(raw.key)).toBeUndefined();
    }
  });

  it('keeps few parts: each larger than all after it together, the first upload untouched', async () => {
    const first = randomBytes(100_000);
    const steps = await grow(first, Array.from({ length: 40 }, () => randomBytes(1_000)));
    const last = steps[steps.length - 1];
    const manifest = await store.readRawManifest(last.raw.key);
    expect(manifest.parts[0]).toEqual({ key: `blobs/${sha(first).slice(0, 2)}/${sha(first)}`, sizeBytes: 100_000 });
    for (let i = 0; i < manifest.parts.length - 1; i++) {
      const after = manifest.parts.slice(i + 1).reduce((n, p) => n + p.sizeBytes, 0);
      expect(manifest.parts[i].sizeBytes).toBeGreaterThan(after);
    }
    expect(manifest.parts.length).toBeLessThanOrEqual(1 + Math.ceil(Math.log2(40)) + 1);
    // Every earlier version stays readable (a job parsing it, a download in flight).
    expect(Buffer.from(await readAll(store, steps[3].raw.key)).equals(steps[3].bytes)).toBe(true);
  });

  it('appends nothing for an empty body, and bounds the whole file by maxBytes', async () => {
    const first = randomBytes(10_000);
    const blob = await putContent(store, chunksOf(first, 4096));
    expect(await appendRaw(store, blob, chunksOf(Buffer.alloc(0), 1))).toEqual(blob);
    await expect(appendRaw(store, blob, chunksOf(randomBytes(2_000), 500), { maxBytes: 11_000 })).rejects.toThrow(PayloadTooLargeError);
    const grown = await appendRaw(store, blob, chunksOf(randomBytes(1_000), 500), { maxBytes: 11_000 });
    expect(grown.sizeBytes).toBe(11_000);
  });

  it('refuses a prefix whose bytes do not hash to the recorded sha256, and a bad manifest, naming it', async () => {
    const blob = await putContent(store, chunksOf(randomBytes(1_000), 500));
    await expect(appendRaw(store, { ...blob, sha256: '0'.repeat(64) }, chunksOf(randomBytes(10), 10))).rejects.toThrow(/hashes to .* not the recorded 0{64}/);
    const bad = await store.putTemp(chunksOf(Buffer.from('{"format":"liionsden-raw-parts/1"}'), 100));
    const key = partsKey('ab'.repeat(32));
    await store.publish(bad.key, key);
    expect(isPartsKey(key)).toBe(true);
    await expect(readAll(store, key)).rejects.toThrow(new RegExp(`manifest ${key} is invalid: sha256`));
  });
});
