import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../domain/errors.js';
import { contentKey, PayloadTooLargeError, putContent, readAll, type BlobStore } from './blob-store.js';
import { blobBackends as backends } from '../../tests/setup/blob-backends.js';
import { sweepTempObjects } from './temp-sweep.js';

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.each(backends)('blob store contract: $name', ({ open }) => {
  let store: BlobStore;
  let close: () => Promise<void>;
  beforeAll(async () => ({ store, close } = await open()));
  afterAll(async () => close());

  it('stores a stream under its sha256, hashing while streaming, and reads it back', async () => {
    const bytes = randomBytes(300_000);
    const blob = await putContent(store, chunksOf(bytes, 7_000));
    expect(blob).toEqual({ key: contentKey(sha(bytes)), sha256: sha(bytes), sizeBytes: bytes.length });
    expect(Buffer.from(await readAll(store, blob.key)).equals(bytes)).toBe(true);
    expect(await store.size(blob.key)).toBe(bytes.length);
    expect(await store.list('tmp/')).toEqual([]);
  });

  it('uploads a file larger than one multipart part', async () => {
    const bytes = randomBytes(11 * 1024 * 1024);
    const blob = await putContent(store, chunksOf(bytes, 1 << 20));
    expect(blob.sha256).toBe(sha(bytes));
    expect(sha(await readAll(store, blob.key))).toBe(sha(bytes));
  });

  it('stores the same content once', async () => {
    const bytes = randomBytes(1000);
    const a = await putContent(store, chunksOf(bytes, 100));
    const b = await putContent(store, chunksOf(bytes, 333));
    expect(b.key).toBe(a.key);
    expect((await store.list('blobs/')).filter((k) => k === a.key)).toHaveLength(1);
    expect(await store.list('tmp/')).toEqual([]);
  });

  it('reads byte ranges', async () => {
    const bytes = randomBytes(50_000);
    const { key } = await putContent(store, chunksOf(bytes, 4096));
    expect(Buffer.from(await readAll(store, key, { offset: 1234, length: 5000 })).equals(bytes.subarray(1234, 6234))).toBe(true);
    expect(await readAll(store, key, { offset: 10, length: 0 })).toHaveLength(0);
  });

  it('aborts past the size limit with PAYLOAD_TOO_LARGE and keeps nothing', async () => {
    const before = await store.list('');
    const bytes = randomBytes(6 * 1024 * 1024 + 10);
    await expect(putContent(store, chunksOf(bytes, 64 * 1024), { maxBytes: 6 * 1024 * 1024 })).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(await store.list('')).toEqual(before);
  });

  it('publishes a temporary object atomically, puts files, deletes, and reports missing objects', async () => {
    const bytes = randomBytes(2048);
    const temp = await store.putTemp(chunksOf(bytes, 512));
    expect(temp.key.startsWith('tmp/')).toBe(true);
    await store.publish(temp.key, 'series/1/a.parquet');
    expect(await store.size(temp.key)).toBeNull();
    expect(sha(await readAll(store, 'series/1/a.parquet'))).toBe(sha(bytes));

    const dir = mkdtempSync(join(tmpdir(), 'liionsden-put-'));
    const local = join(dir, 'x.bin');
    writeFileSync(local, Buffer.from('hello'));
    await store.putFile('series/1/a.parquet', local);
    expect(Buffer.from(await readAll(store, 'series/1/a.parquet')).toString()).toBe('hello');
    rmSync(dir, { recursive: true });

    await store.delete('series/1/a.parquet');
    await store.delete('series/1/a.parquet');
    expect(await store.size('series/1/a.parquet')).toBeNull();
    await expect(store.getStream('series/1/a.parquet')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('passes a failing source error through', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(10);
      throw new Error('client went away');
    }
    await expect(store.putTemp(broken())).rejects.toThrow('client went away');
  });

  it('keeps nothing of a source that fails after a whole multipart part', async () => {
    const before = await store.list('');
    async function* dropped(): AsyncGenerator<Uint8Array> {
      yield* chunksOf(randomBytes(6 * 1024 * 1024), 1 << 20);
      throw new Error('client went away');
    }
    await expect(store.putTemp(dropped())).rejects.toThrow('client went away');
    expect(await store.list('')).toEqual(before);
  });

  it('answers the readiness probe', async () => {
    await expect(store.probe()).resolves.toBeUndefined();
  });

  it('lists objects with their size and last write', async () => {
    const start = Date.now();
    const temp = await store.putTemp(chunksOf(randomBytes(3000), 1000));
    const [entry] = (await store.listEntries('tmp/')).filter((e) => e.key === temp.key);
    expect(entry.sizeBytes).toBe(3000);
    // S3 reports whole seconds.
    expect(entry.modifiedAt.getTime()).toBeGreaterThanOrEqual(start - 1000);
    expect(entry.modifiedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect((await store.listEntries('')).map((e) => e.key)).toEqual(await store.list(''));
    await store.delete(temp.key);
  });

  it('sweeps temp objects older than the grace period and nothing else', async () => {
    const temp = await store.putTemp(chunksOf(randomBytes(100), 100));
    const blob = await putContent(store, chunksOf(randomBytes(100), 100));
    expect(await sweepTempObjects(store, { graceMs: 60 * 60 * 1000 })).toEqual([]);
    // Two hours on, by the clock passed in: S3's LastModified cannot be set back.
    const later = new Date(Date.now() + 2 * 60 * 60 * 1000);
    expect(await sweepTempObjects(store, { graceMs: 60 * 60 * 1000, now: later })).toEqual([temp.key]);
    expect(await store.list('tmp/')).toEqual([]);
    expect(await store.size(blob.key)).toBe(100);
  });
});
