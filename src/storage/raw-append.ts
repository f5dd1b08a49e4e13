import { createSHA256, type IHasher } from 'hash-wasm';
import { contentKey, PayloadTooLargeError, putContent, type BlobSource, type BlobStore } from './blob-store.js';
import { isPartsKey, RAW_PARTS_FORMAT, withRawParts, writeManifest, type RawPart, type RawPartsManifest } from './raw-parts.js';

/** A stored raw file: its key (a plain blob or a parts manifest), sha256 and size. */
export interface StoredRaw {
  key: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Appends bytes to a stored raw file in O(appended bytes): the new bytes become a part of their
 * own, the whole file's sha256 goes on from the saved state (the prefix is not read again), and a
 * new manifest lists the parts. The first append to a plain blob hashes it once to get that state.
 * Trailing small parts are merged so that each part is larger than all after it together (at most
 * log2(size / smallest append) parts; each byte is copied O(log) times in all). `maxBytes` bounds
 * the whole file. Nothing appended (an empty body): the stored file as it was.
 */
export async function appendRaw(anyStore: BlobStore, prefix: StoredRaw, body: BlobSource, opts: { maxBytes?: number } = {}): Promise<StoredRaw> {
  const store = withRawParts(anyStore);
  const manifest = isPartsKey(prefix.key) ? await store.readRawManifest(prefix.key) : await startManifest(store, prefix);
  const hasher = (await createSHA256()).load(Buffer.from(manifest.sha256State, 'base64'));
  const maxBytes = opts.maxBytes ?? Number.POSITIVE_INFINITY;
  const part = await store.putTemp(hashing(body, hasher), { maxBytes: Math.max(0, maxBytes - prefix.sizeBytes) }).catch((err: unknown) => {
    throw err instanceof PayloadTooLargeError ? new PayloadTooLargeError(maxBytes) : err;
  });
  if (part.sizeBytes === 0) {
    await store.delete(part.key);
    return prefix;
  }
  const partKey = contentKey(part.sha256);
  if ((await store.size(partKey)) === part.sizeBytes) await store.delete(part.key);
  else await store.publish(part.key, partKey);
  const sha256State = Buffer.from(hasher.save()).toString('base64');
  const sha256 = hasher.digest('hex');
  const parts = await compactTail(store, [...manifest.parts, { key: partKey, sizeBytes: part.sizeBytes }]);
  const sizeBytes = prefix.sizeBytes + part.sizeBytes;
  const key = await writeManifest(store, { format: manifest.format, sha256, sizeBytes, sha256State, parts });
  return { key, sha256, sizeBytes };
}

/** The one-part manifest of a plain blob: its bytes hashed once for the saved state (checked against its sha256). */
async function startManifest(store: BlobStore, raw: StoredRaw): Promise<RawPartsManifest> {
  const hasher = await createSHA256();
  hasher.init();
  for await (const chunk of await store.getStream(raw.key)) hasher.update(chunk as Uint8Array);
  const sha256State = Buffer.from(hasher.save()).toString('base64');
  const sha256 = hasher.digest('hex');
  if (sha256 !== raw.sha256) throw new Error(`Raw blob ${raw.key} hashes to ${sha256}, not the recorded ${raw.sha256}`);
  return { format: RAW_PARTS_FORMAT, sha256, sizeBytes: raw.sizeBytes, sha256State, parts: [{ key: raw.key, sizeBytes: raw.sizeBytes }] };
}

async function* hashing(body: BlobSource, hasher: IHasher): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) {
    hasher.update(chunk as Uint8Array);
    yield chunk as Uint8Array;
  }
}

/** The parts with the trailing ones merged into one while a part is no larger than all after it together. */
export async function compactTail(store: BlobStore, parts: RawPart[]): Promise<RawPart[]> {
  let from = parts.length - 1;
  let tail = parts[from].sizeBytes;
  while (from > 0 && parts[from - 1].sizeBytes <= tail) tail += parts[--from].sizeBytes;
  if (from === parts.length - 1) return parts;
  const merged = await putContent(store, concatParts(store, parts.slice(from)));
  return [...parts.slice(0, from), { key: merged.key, sizeBytes: merged.sizeBytes }];
}

async function* concatParts(store: BlobStore, parts: RawPart[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield* await store.getStream(p.key);
}
