import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '../domain/errors.js';
import type { BlobStore } from '../storage/blob-store.js';

export interface SeriesFileDeps {
  blobStore: BlobStore;
  dataDir: string;
}

/**
 * A local path DuckDB can open for a series key. The local blob store's own file is used in
 * place (`<DATA_DIR>/files/<key>`, see storage/open-blob-store.ts); an S3 object is downloaded
 * once to `<DATA_DIR>/cache/series/<key>` (series keys are never rewritten with other bytes
 * under the same size, and the size is checked on every call).
 */
export async function localSeriesPath(deps: SeriesFileDeps, seriesKey: string): Promise<{ path: string; sizeBytes: number }> {
  const sizeBytes = await deps.blobStore.size(seriesKey);
  if (sizeBytes === null) throw new NotFoundError('Series file', seriesKey);
  if (deps.blobStore.kind === 'local') {
    const path = join(deps.dataDir, 'files', seriesKey);
    if ((await sizeOf(path)) === sizeBytes) return { path, sizeBytes };
  }
  const path = join(deps.dataDir, 'cache', 'series', seriesKey);
  if ((await sizeOf(path)) !== sizeBytes) {
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.${Date.now()}.part`;
    try {
      await pipeline(await deps.blobStore.getStream(seriesKey), createWriteStream(temp));
      await rename(temp, path);
    } finally {
      await rm(temp, { force: true });
    }
  }
  return { path, sizeBytes };
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
