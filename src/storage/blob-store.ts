import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { AppError } from '../domain/errors.js';

/** Bytes to store: a Node stream or any async iterable of chunks (a web stream reader, a generator). */
export type BlobSource = Readable | AsyncIterable<Uint8Array>;

/** A blob as stored: its key, sha256 (hex) and size in bytes. */
export interface StoredBlob {
  key: string;
  sha256: string;
  sizeBytes: number;
}

/** An object as listed: its key, size in bytes and when it was last written. */
export interface BlobEntry {
  key: string;
  sizeBytes: number;
  modifiedAt: Date;
}

/** A byte window: `length` bytes from `offset` (both in bytes). */
export interface ByteRange {
  offset: number;
  length: number;
}

/**
 * Where raw files, companions and Parquet series live. Raw bytes are content-addressed
 * (`blobs/<aa>/<sha256>`); series files have explicit keys (`series/...`). Two backends:
 * a local directory and S3-compatible object storage, both held to one contract test.
 */
export interface BlobStore {
  readonly kind: 'local' | 's3';
  /** Streams bytes in under a temporary key, hashing as they pass; past maxBytes it aborts with PayloadTooLargeError and keeps nothing. */
  putTemp(source: BlobSource, opts?: { maxBytes?: number }): Promise<StoredBlob>;
  /** Moves a temporary object to its final key in one step (replaces what was there). */
  publish(tempKey: string, key: string): Promise<void>;
  /** Stores a local file under `key`; readers see either the old object or the whole new one. */
  putFile(key: string, path: string): Promise<void>;
  /** The object's bytes as a stream, or a window of them. Throws NotFoundError when absent. */
  getStream(key: string, range?: ByteRange): Promise<Readable>;
  /** Size in bytes, or null when there is no such object. */
  size(key: string): Promise<number | null>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Objects under a prefix with size and last write, sorted by key (the temp sweep ages `tmp/` with it). */
  listEntries(prefix: string): Promise<BlobEntry[]>;
  /** Resolves when the store can be used, else throws StorageUnavailableError (readiness; cheap: no object is written). */
  probe(): Promise<void>;
  /** The object's path on the local file system, when the store is a local directory and the key one file (lets DuckDB read it in place). */
  localPath?(key: string): string | undefined;
}

/** The upload is larger than allowed. */
export class PayloadTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super('PAYLOAD_TOO_LARGE', `File is larger than the limit of ${maxBytes} bytes`, { maxBytes });
    this.name = 'PayloadTooLargeError';
  }
}

/** Content key of a raw file: `blobs/<first two hex>/<sha256>`. */
export function contentKey(sha256: string): string {
  return `blobs/${sha256.slice(0, 2)}/${sha256}`;
}

/** A fresh temporary key (`tmp/<uuid>`). */
export function newTempKey(): string {
  return `tmp/${randomUUID()}`;
}

/** Streams a source into the store under its content key; storing the same bytes twice keeps one copy. */
export async function putContent(store: BlobStore, source: BlobSource, opts: { maxBytes?: number } = {}): Promise<StoredBlob> {
  const temp = await store.putTemp(source, opts);
  const key = contentKey(temp.sha256);
  if ((await store.size(key)) === temp.sizeBytes) {
    await store.delete(temp.key);
  } else {
    await store.publish(temp.key, key);
  }
  return { key, sha256: temp.sha256, sizeBytes: temp.sizeBytes };
}

/** Reads a whole object (or a range of it) into memory: one file read for a local store, else the stream. */
export async function readAll(store: BlobStore, key: string, range?: ByteRange): Promise<Uint8Array> {
  const path = range === undefined ? store.localPath?.(key) : undefined;
  const buffer = (path !== undefined && (await readLocalFile(path))) || (await readStream(store, key, range));
  // A plain Uint8Array over the same memory: no copy (readers honour byteOffset).
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

async function readLocalFile(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (err) {
    // A missing object falls through to the stream, which raises the store's own not-found error.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function readStream(store: BlobStore, key: string, range?: ByteRange): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.getStream(key, range)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A pass-through that hashes and counts bytes and fails with PayloadTooLargeError past maxBytes. */
export function createHashingCounter(maxBytes = Number.POSITIVE_INFINITY): Transform & { digest(): { sha256: string; sizeBytes: number } } {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sizeBytes += chunk.length;
      if (sizeBytes > maxBytes) return done(new PayloadTooLargeError(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return Object.assign(t, { digest: () => ({ sha256: hash.digest('hex'), sizeBytes }) });
}

/** Any BlobSource as a Node Readable. */
export function toReadable(source: BlobSource): Readable {
  return source instanceof Readable ? source : Readable.from(source, { objectMode: false });
}
