import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FileTarget } from './file-target.js';

/** A send that was started and may or may not have landed: retried with exactly these bytes after a restart. */
export interface PendingSend {
  /** 'upload' a new file, 'append' bytes [offset, end), 'replace' the whole raw file with [0, end). */
  kind: 'upload' | 'append' | 'replace';
  offset: number;
  end: number;
  /**
   * sha256 (hex) of the local bytes [end − 64 KiB, end): how the sender recognises its send on the
   * server (stored size = end and the same last 64 KiB), and that the file still holds those bytes.
   */
  tailSha256: string;
}

/** What the harvester knows of one file: the data file it feeds and how many of its bytes the server holds. */
export interface HarvestedFile {
  dataFileId: number | null;
  /** Bytes of the file the server holds (always a whole number of lines for text files). */
  stored: number;
  /** sha256 (hex) of the last 64 KiB of the stored bytes: a file of the same length with other bytes was rewritten. */
  tailSha256: string;
  /** The file's size and modification time when `stored` was last confirmed: unchanged → not read at all. */
  size: number;
  mtimeMs: number;
  pending?: PendingSend;
  lastError?: string;
}

export interface HarvestState {
  version: 1;
  files: Record<string, HarvestedFile>;
  /** Monitored paths: where the server placed each file (kept, so a file stays with its data file when rules change). */
  targets?: Record<string, FileTarget>;
}

/** The state file, or an empty state when there is none yet. */
export async function loadHarvestState(path: string): Promise<HarvestState> {
  try {
    const state = JSON.parse(await readFile(path, 'utf8')) as HarvestState;
    if (state.version !== 1 || typeof state.files !== 'object') throw new Error(`${path} is not a harvest state file (version 1)`);
    return state;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, files: {} };
    throw err;
  }
}

/** Writes the state atomically (a new file renamed over the old): a crash leaves the old state or the new one. */
export async function saveHarvestState(path: string, state: HarvestState): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(state));
  await rename(temp, path);
}
