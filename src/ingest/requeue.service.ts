import { assertCanEdit } from '../access/permissions.js';
import type { Viewer } from '../access/viewer.js';
import { visibleTo } from '../access/visibility.js';
import type { Db } from '../db/database.js';
import { diffRows, recordHistory } from '../history/history.repository.js';
import { ConflictError, NotFoundError, UnauthenticatedError } from '../domain/errors.js';
import { enqueueIngestJob, type IngestPayload } from './job-queue.js';
import { signalJobQueued } from './job-signal.js';

/**
 * Queues a data file for parsing again. 'retry': only a failed file. 'reprocess': a ready or failed file, with
 * the current parsers; its stored series stays until the new one is committed (data_file_versions keeps the history).
 */
export async function requeueDataFile(db: Db, viewer: Viewer, id: number, action: 'retry' | 'reprocess'): Promise<{ dataFileId: number; jobId: number }> {
  if (viewer.userId === null) throw new UnauthenticatedError();
  const file = await db
    .selectFrom('data_files as t')
    .select(['t.id', 't.owner_id', 't.status', 't.state', 't.error'])
    .where('t.id', '=', id)
    .where(visibleTo(viewer, 'data_files as t'))
    .executeTakeFirst();
  if (!file) throw new NotFoundError('Data file', id);
  assertCanEdit(viewer, file, false);
  const allowed = action === 'retry' ? ['failed'] : ['ready', 'failed'];
  if (!allowed.includes(file.state)) {
    throw new ConflictError(`Data file ${id} is ${file.state}; ${action} needs it ${allowed.join(' or ')}`, { state: file.state });
  }
  const jobId = await db.transaction().execute(async (tx) => {
    // Conditional update: two concurrent retries cannot both queue a job.
    const res = await tx.updateTable('data_files').set({ state: 'queued', error: null }).where('id', '=', id).where('state', 'in', allowed as ['failed']).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(`Data file ${id} changed state meanwhile`);
    const changes = diffRows({ state: file.state, error: file.error }, { state: 'queued', error: null });
    await recordHistory(tx, { table: 'data_files', recordId: id, userId: viewer.userId, action: 'update', changes });
    const last = await tx.selectFrom('jobs').select('payload').where('data_file_id', '=', id).orderBy('id', 'desc').limit(1).executeTakeFirst();
    // A retry or reprocess parses the whole file again (never only rows appended since a resume point).
    const { appendedTo: _appended, ...before } = (last?.payload as IngestPayload | undefined) ?? {};
    const payload: IngestPayload = { ...before, reprocess: action === 'reprocess' };
    return enqueueIngestJob(tx, id, payload);
  });
  signalJobQueued();
  return { dataFileId: id, jobId };
}
