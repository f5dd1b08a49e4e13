import { createReadStream, createWriteStream } from 'node:fs';
import { constants } from 'node:fs';
import { access, copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { createHashingCounter, newTempKey, toReadable, type BlobEntry, type BlobSource, type BlobStore, type ByteRange, type StoredBlob } from './blob-store.js';
import { guardStore, StorageUnavailableError } from './storage-errors.js';

/**
 * A blob store in a local directory (`<DATA_DIR>/files`): write to a temporary file, then rename (atomic on one file system).
 * The directory itself missing (a volume not mounted, removed) is an outage: createBlobStoreRoot makes it at start.
 */
export function createLocalBlobStore(root: string): BlobStore {
  const pathOf = (key: string): string => {
    if (key.includes('..') || key.startsWith('/') || key.includes('\\')) throw new ValidationError(`Bad blob key '${key}'`);
    return join(root, key);
  };

  async function putTemp(source: BlobSource, opts: { maxBytes?: number } = {}): Promise<StoredBlob> {
    const key = newTempKey();
    const path = pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const counter = createHashingCounter(opts.maxBytes);
    try {
      await pipeline(toReadable(source), counter, createWriteStream(path));
    } catch (err) {
      await rm(path, { force: true });
      throw err;
    }
    return { key, ...counter.digest() };
  }

  async function publish(tempKey: string, key: string): Promise<void> {
    const target = pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    await rename(pathOf(tempKey), target);
  }

  async function putFile(key: string, path: string): Promise<void> {
    const temp = pathOf(newTempKey());
    await mkdir(dirname(temp), { recursive: true });
    await copyFile(path, temp);
    await publish(relative(root, temp).split(sep).join('/'), key);
  }

  async function getStream(key: string, range?: ByteRange) {
    const path = pathOf(key);
    const size = await sizeOf(path);
    if (size === null) {
      await probe();
      throw new NotFoundError('Blob', key);
    }
    if (range && range.length === 0) return Readable.from([]);
    return createReadStream(path, range ? { start: range.offset, end: range.offset + range.length - 1 } : {});
  }

  async function listEntries(prefix: string): Promise<BlobEntry[]> {
    const out: BlobEntry[] = [];
    const walk = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return [];
        throw err;
      });
      for (const e of entries) {
        const full = join(dir, e.name);
        const key = relative(root, full).split(sep).join('/');
        if (e.isDirectory()) await walk(full);
        else if (key.startsWith(prefix)) {
          // mtime: a file still being written is touched by every write, so it never looks old.
          const s = await stat(full).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : Promise.reject(err)));
          if (s) out.push({ key, sizeBytes: s.size, modifiedAt: s.mtime }); // null: published or removed meanwhile
        }
      }
    };
    await walk(prefix.endsWith('/') || prefix === '' ? join(root, prefix) : dirname(join(root, prefix)));
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async function probe(): Promise<void> {
    const s = await stat(root).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw new StorageUnavailableError(`the store directory ${root} is missing`);
      throw err;
    });
    if (!s.isDirectory()) throw new StorageUnavailableError(`${root} is not a directory`);
    await access(root, constants.R_OK | constants.W_OK | constants.X_OK);
  }

  return guardStore({
    kind: 'local',
    putTemp,
    publish,
    putFile,
    getStream,
    size: (key) => sizeOf(pathOf(key)),
    delete: (key) => rm(pathOf(key), { force: true }),
    list: async (prefix) => (await listEntries(prefix)).map((e) => e.key),
    listEntries,
    probe,
    localPath: pathOf,
  });
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
