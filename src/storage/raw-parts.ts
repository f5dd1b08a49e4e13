import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { readAll, toReadable, type BlobStore, type ByteRange } from './blob-store.js';
import { withLocalTempFile } from './temp-file.js';

/**
 * A raw file stored as parts (ADR 0019): a small JSON manifest under `raw-parts/<aa>/<sha256>.json`
 * (sha256 of the whole raw bytes, so the key is content-addressed like `blobs/`) listing plain
 * blobs whose concatenation is the file, with the saved sha256 state after its last byte, from
 * which the next append goes on hashing without reading the prefix again.
 */
export const RAW_PARTS_FORMAT = 'liionsden-raw-parts/1';

const manifestSchema = z.object({
  format: z.literal(RAW_PARTS_FORMAT),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  /** hash-wasm's createSHA256().save() after the last byte, base64. */
  sha256State: z.string().min(1),
  parts: z.array(z.object({ key: z.string().startsWith('blobs/'), sizeBytes: z.number().int().nonnegative() })).min(1),
});

export type RawPartsManifest = z.infer<typeof manifestSchema>;
export type RawPart = RawPartsManifest['parts'][number];

/** The manifest key of a raw file stored as parts. */
export function partsKey(sha256: string): string {
  return `raw-parts/${sha256.slice(0, 2)}/${sha256}.json`;
}

export function isPartsKey(key: string): boolean {
  return key.startsWith('raw-parts/') && key.endsWith('.json');
}

/** Reads and checks a manifest; a bad one is an error naming its key and what is wrong. */
export async function readManifest(store: BlobStore, key: string): Promise<RawPartsManifest> {
  const text = new TextDecoder().decode(await readAll(store, key));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`Raw parts manifest ${key} is not JSON: ${(err as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Raw parts manifest ${key} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const sum = parsed.data.parts.reduce((n, p) => n + p.sizeBytes, 0);
  if (sum !== parsed.data.sizeBytes) throw new Error(`Raw parts manifest ${key}: parts hold ${sum} bytes, the manifest says ${parsed.data.sizeBytes}`);
  return parsed.data;
}

/** Stores a manifest under its content key (an existing one holds the same bytes, in some split: kept). */
export async function writeManifest(store: BlobStore, manifest: RawPartsManifest): Promise<string> {
  const key = partsKey(manifest.sha256);
  if ((await store.size(key)) !== null) return key;
  const temp = await store.putTemp(toReadable((async function* () { yield new TextEncoder().encode(JSON.stringify(manifest)); })()));
  await store.publish(temp.key, key);
  return key;
}

/** The windows of the parts that a byte range of the whole file covers, in order. */
export function partWindows(parts: RawPart[], range: ByteRange): (ByteRange & { key: string })[] {
  const out: (ByteRange & { key: string })[] = [];
  const end = range.offset + range.length;
  let at = 0;
  for (const p of parts) {
    const from = Math.max(range.offset, at);
    const to = Math.min(end, at + p.sizeBytes);
    if (to > from) out.push({ key: p.key, offset: from - at, length: to - from });
    at += p.sizeBytes;
  }
  return out;
}

/** The parts of a manifest (or a window of them) read back as one stream; the first part is opened at once. */
export async function streamParts(store: BlobStore, manifest: RawPartsManifest, range?: ByteRange): Promise<Readable> {
  const whole = { offset: 0, length: manifest.sizeBytes };
  const windows = partWindows(manifest.parts, range ?? whole);
  if (windows.length === 0) return Readable.from([]);
  const first = await store.getStream(windows[0].key, windows[0]);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield* first;
    for (const w of windows.slice(1)) yield* await store.getStream(w.key, w);
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** A store that reads raw-parts manifests as the raw files they describe, and the manifests themselves. */
export interface RawPartsStore extends BlobStore {
  readRawManifest(key: string): Promise<RawPartsManifest>;
}

function isRawPartsStore(store: BlobStore): store is RawPartsStore {
  return typeof (store as Partial<RawPartsStore>).readRawManifest === 'function';
}

/**
 * The store with raw-parts manifests read as the objects they describe: `getStream` (whole or a
 * window) and `size` of a manifest key give the raw file's bytes, `localPath` gives none (there is
 * no one file). Every other key, and every write, goes to the store as is.
 */
export function withRawParts(store: BlobStore): RawPartsStore {
  if (isRawPartsStore(store)) return store;
  const manifests = new Map<string, RawPartsManifest>(); // immutable (content-addressed): safe to keep
  const manifestOf = async (key: string) => {
    const known = manifests.get(key);
    if (known) return known;
    const m = await readManifest(store, key);
    if (manifests.size >= 512) manifests.clear();
    manifests.set(key, m);
    return m;
  };
  const localPath = store.localPath;
  return {
    ...store,
    readRawManifest: manifestOf,
    getStream: async (key, range) => (isPartsKey(key) ? streamParts(store, await manifestOf(key), range) : store.getStream(key, range)),
    size: async (key) => {
      if (!isPartsKey(key)) return store.size(key);
      return (await store.size(key)) === null ? null : (await manifestOf(key)).sizeBytes;
    },
    delete: async (key) => {
      manifests.delete(key);
      await store.delete(key);
    },
    ...(localPath ? { localPath: (key: string) => (isPartsKey(key) ? undefined : localPath(key)) } : {}),
  };
}

/**
 * Runs `fn` with the raw file as one local file when the store is a local directory (the object
 * itself; a file stored as parts joined into a temporary file first), else with undefined.
 */
export async function withLocalRawFile<T>(store: BlobStore, key: string, fn: (path: string | undefined) => Promise<T>): Promise<T> {
  if (store.kind !== 'local') return fn(undefined);
  const direct = store.localPath?.(key);
  if (direct !== undefined) return fn(direct);
  return withLocalTempFile('.raw', async (path) => {
    await pipeline(await store.getStream(key), createWriteStream(path));
    return fn(path);
  });
}
