import { basename } from 'node:path';
import type { Viewer } from '../access/viewer.js';
import { visibleTo } from '../access/visibility.js';
import type { Db } from '../db/database.js';
import { APPEND_TAIL_BYTES, appendToDataFile, type AppendOutcome } from '../ingest/append.service.js';
import { readRange, sha256Range } from '../harvest/local-file.js';
import type { BlobStore } from '../storage/blob-store.js';

/**
 * A file ingested again after it grew (a cycler still writing it) is appended to its data file, not
 * stored twice: the experiment's live data file of the same name whose bytes are this file's prefix.
 * Null when there is none (a new file, or one rewritten since: stored as a new data file as before).
 */
export async function appendIfGrown(db: Db, store: BlobStore, viewer: Viewer, experimentId: number, path: string, sizeBytes: number, maxBytes: number): Promise<AppendOutcome | null> {
  const candidates = await db
    .selectFrom('data_files as t')
    .select(['t.id', 't.size_bytes', 't.sha256'])
    .where('t.experiment_id', '=', experimentId)
    .where('t.original_name', '=', basename(path))
    .where('t.size_bytes', '<', sizeBytes)
    .where(visibleTo(viewer, 'data_files as t'))
    .orderBy('t.size_bytes', 'desc')
    .execute();
  for (const c of candidates) {
    const stored = Number(c.size_bytes);
    if ((await sha256Range(path, 0, stored)) !== c.sha256) continue;
    const tail = await sha256Range(path, Math.max(0, stored - APPEND_TAIL_BYTES), stored);
    return appendToDataFile(db, store, viewer, c.id, { offset: stored, tailSha256: tail }, readRange(path, stored, sizeBytes), maxBytes);
  }
  return null;
}
