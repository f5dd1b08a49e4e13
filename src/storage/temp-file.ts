import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs `fn` with a fresh path in the series scratch folder (`$TMPDIR/liionsden-series`), removed afterwards. */
export async function withLocalTempFile<T>(extension: string, fn: (path: string) => Promise<T>): Promise<T> {
  const dir = join(tmpdir(), 'liionsden-series');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}${extension}`);
  try {
    return await fn(path);
  } finally {
    await rm(path, { force: true });
  }
}
