import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The series scratch folder (`$TMPDIR/liionsden-series`): spools (`spool-<pid>-<uuid>/`) and temporary
 * Parquet files (`<pid>-<uuid>.parquet`). Every entry names the process that made it, so a process killed
 * mid-write can be recognised and its leftovers removed (removeOrphanScratch).
 */
export function scratchRoot(): string {
  return join(tmpdir(), 'liionsden-series');
}

/** Runs `fn` with a fresh path in the series scratch folder, removed afterwards. */
export async function withLocalTempFile<T>(extension: string, fn: (path: string) => Promise<T>): Promise<T> {
  await mkdir(scratchRoot(), { recursive: true });
  const path = join(scratchRoot(), `${process.pid}-${randomUUID()}${extension}`);
  try {
    return await fn(path);
  } finally {
    await rm(path, { force: true });
  }
}

/**
 * Removes the scratch entries of processes that are gone: a worker killed mid-ingest leaves its spool and
 * its temporary Parquet (up to the size of the data); the job itself is re-run by another worker.
 * Returns the names removed.
 */
export async function removeOrphanScratch(): Promise<string[]> {
  const entries = await readdir(scratchRoot()).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of entries) {
    const pid = Number(/^(?:spool-)?(\d+)-/.exec(name)?.[1]);
    if (pid > 0 && pid !== process.pid && !isAlive(pid)) {
      await rm(join(scratchRoot(), name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
