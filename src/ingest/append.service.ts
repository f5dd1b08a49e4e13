import { createHash } from 'node:crypto';
import { assertCanEdit } from '../access/permissions.js';
import type { Viewer } from '../access/viewer.js';
import { visibleTo } from '../access/visibility.js';
import type { Db } from '../db/database.js';
import { ConflictError, NotFoundError, UnauthenticatedError } from '../domain/errors.js';
import { diffRows, recordHistory } from '../history/history.repository.js';
import { putContent, readAll, type BlobSource, type BlobStore } from '../storage/blob-store.js';
import { appendRaw } from '../storage/raw-append.js';
import { enqueueIngestJob, type IngestPayload } from './job-queue.js';
import { signalJobQueued } from './job-signal.js';
import { findLiveCopy } from './upload.service.js';

/** The stored prefix is checked by the sha256 of its last block (at most this many bytes). */
export const APPEND_TAIL_BYTES = 64 * 1024;

export interface AppendRequest {
  /** Where the new bytes start: the stored size to append, 0 to replace the whole raw file (a rewritten file). */
  offset: number;
  /** sha256 (hex) of the sender's bytes [offset − min(offset, 64 KiB), offset): required when offset > 0. */
  tailSha256?: string;
}

export interface AppendOutcome {
  dataFileId: number;
  jobId: number | null;
  sizeBytes: number;
  sha256: string;
  /** 'appended' | 'replaced' | 'unchanged' (nothing new: no job). */
  change: 'appended' | 'replaced' | 'unchanged';
}

/**
 * Grows (or replaces) a data file's raw bytes and queues it for parsing: the harvester's and the
 * CLI's path for a file a cycler keeps writing, so a grown file stays one data file. The stored
 * prefix must be what the sender has: `offset` must equal the stored size and the sha256 of the
 * stored last block must match `tailSha256`; otherwise 409 with the stored size, its sha256 and the
 * sha256 of its last 64 KiB, from which the sender resynchronises (a retried append that already landed reads as "stored size =
 * offset + length"). Raw bytes stay content-addressed: the appended bytes are a new part and the
 * grown file a new parts manifest (ADR 0019), in O(appended bytes); the old file stays readable.
 */
export async function appendToDataFile(db: Db, store: BlobStore, viewer: Viewer, id: number, req: AppendRequest, body: BlobSource, maxBytes: number): Promise<AppendOutcome> {
  if (viewer.userId === null) throw new UnauthenticatedError();
  const file = await db
    .selectFrom('data_files as t')
    .select(['t.id', 't.experiment_id', 't.owner_id', 't.status', 't.state', 't.blob_key', 't.size_bytes', 't.sha256'])
    .where('t.id', '=', id)
    .where(visibleTo(viewer, 'data_files as t'))
    .executeTakeFirst();
  if (!file) throw new NotFoundError('Data file', id);
  assertCanEdit(viewer, file, false);
  const storedSize = Number(file.size_bytes);
  if (req.offset > 0) {
    // What the sender needs to resynchronise: the stored size, and hashes of the whole and of its last 64 KiB.
    const storedTail = await tailSha256(store, file.blob_key, storedSize);
    const stored = { storedSize, sha256: file.sha256, tailSha256: storedTail };
    if (req.offset !== storedSize) {
      throw new ConflictError(`Data file ${id} holds ${storedSize} bytes; an append must start there (offset ${req.offset})`, { reason: 'offset', ...stored });
    }
    if (storedTail !== req.tailSha256) {
      throw new ConflictError(`The stored bytes of data file ${id} end differently from the sender's: the file was rewritten, not appended (send it again from offset 0)`, { reason: 'prefix', ...stored });
    }
  }
  const blob = req.offset === 0
    ? await putContent(store, body, { maxBytes })
    : await appendRaw(store, { key: file.blob_key, sha256: file.sha256, sizeBytes: storedSize }, body, { maxBytes });
  if (blob.sha256 === file.sha256) return { dataFileId: id, jobId: null, sizeBytes: blob.sizeBytes, sha256: blob.sha256, change: 'unchanged' };
  const twin = await findLiveCopy(db, file.experiment_id, blob.sha256);
  if (twin) throw new ConflictError(`The grown file is the same as data file ${twin.id} of this experiment`, { reason: 'duplicate', dataFileId: twin.id });
  const change = req.offset === 0 ? 'replaced' : 'appended';
  const jobId = await db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable('data_files')
      .set({ blob_key: blob.key, sha256: blob.sha256, size_bytes: blob.sizeBytes, state: 'queued', error: null, modified_at: new Date() })
      .where('id', '=', id)
      .where('sha256', '=', file.sha256)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(`Data file ${id} changed meanwhile; read its size and send again`, { reason: 'concurrent' });
    const changes = diffRows({ size_bytes: storedSize, sha256: file.sha256, state: file.state }, { size_bytes: blob.sizeBytes, sha256: blob.sha256, state: 'queued' });
    changes.raw = { old: null, new: change === 'appended' ? `${blob.sizeBytes - storedSize} bytes appended` : 'rewritten: replaced whole' };
    await recordHistory(tx, { table: 'data_files', recordId: id, userId: viewer.userId, action: 'update', changes });
    const last = await tx.selectFrom('jobs').select('payload').where('data_file_id', '=', id).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const { reprocess: _reprocess, appendedTo: _before, ...payload } = (last?.payload as IngestPayload | undefined) ?? {};
    return enqueueIngestJob(tx, id, change === 'appended' ? { ...payload, appendedTo: { sha256: file.sha256, size: storedSize } } : payload);
  });
  signalJobQueued();
  return { dataFileId: id, jobId, sizeBytes: blob.sizeBytes, sha256: blob.sha256, change };
}

/** sha256 (hex) of the last min(size, 64 KiB) bytes of a stored object of `size` bytes. */
async function tailSha256(store: BlobStore, key: string, size: number): Promise<string> {
  const length = Math.min(size, APPEND_TAIL_BYTES);
  const bytes = length === 0 ? new Uint8Array() : await readAll(store, key, { offset: size - length, length });
  return createHash('sha256').update(bytes).digest('hex');
}
