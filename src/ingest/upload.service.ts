import { assertCanCreate, assertCanEdit } from '../access/permissions.js';
import type { Viewer } from '../access/viewer.js';
import { visibleTo } from '../access/visibility.js';
import { replaceDataFileDevices } from '../data-files/data-file-devices.repository.js';
import type { CompanionKind } from '../data-files/data-file.table.js';
import { COLUMN_MAPPING_ATTRIBUTE } from '../column-mappings/data-file-mappings.js';
import type { Db } from '../db/database.js';
import { diffRows, recordHistory } from '../history/history.repository.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { assertAllVisible } from '../metadata/child-rows.js';
import { enqueueIngestJob } from './job-queue.js';
import type { ReceivedFile } from './multipart-upload.js';
import { signalJobQueued } from './job-signal.js';
import type { UploadFields } from './upload-fields.js';

export const COMPANION_FIELDS: readonly CompanionKind[] = ['settings', 'binary', 'metadata'];

/** The experiment, if the viewer may see it and add files to it (NotFound when hidden, Forbidden when read-only). */
export async function assertCanAddFiles(db: Db, viewer: Viewer, experimentId: number): Promise<{ id: number; status: 'private' | 'public' }> {
  assertCanCreate(viewer, 'data files');
  const experiment = await db
    .selectFrom('experiments as t')
    .select(['t.id', 't.owner_id', 't.status'])
    .where('t.id', '=', experimentId)
    .where(visibleTo(viewer, 'experiments as t'))
    .executeTakeFirst();
  if (!experiment) throw new NotFoundError('Experiment', experimentId);
  assertCanEdit(viewer, experiment, false);
  return { id: experiment.id, status: experiment.status === 'public' ? 'public' : 'private' };
}

/** The experiment's live data file holding exactly these bytes, if any (one copy of a file per experiment). */
export function findLiveCopy(db: Db, experimentId: number, sha256: string): Promise<{ id: number } | undefined> {
  return db.selectFrom('data_files').select('id').where('experiment_id', '=', experimentId).where('sha256', '=', sha256).where('status', '<>', 'deleted').executeTakeFirst();
}

/**
 * Creates the data file (state queued), its companions and devices, and its ingest job in one transaction.
 * The same bytes twice in one experiment → ConflictError naming the existing data file.
 */
export async function createUploadedDataFile(
  db: Db,
  viewer: Viewer,
  experiment: { id: number; status: 'private' | 'public' },
  main: ReceivedFile,
  companions: ReceivedFile[],
  fields: UploadFields,
): Promise<{ dataFileId: number; jobId: number }> {
  if (fields.deviceIds?.length) await assertAllVisible(db, viewer, 'devices', fields.deviceIds, 'deviceIds');
  if (fields.equipmentId) await assertAllVisible(db, viewer, 'equipment', [fields.equipmentId], 'equipmentId');
  if (fields.columnMappingId) await assertAllVisible(db, viewer, 'column_mappings', [fields.columnMappingId], 'columnMappingId');
  const duplicate = () => findLiveCopy(db, experiment.id, main.blob.sha256);
  const conflict = (id: number) => new ConflictError(`This file is already in experiment ${experiment.id} as data file ${id}`, { dataFileId: id });
  const existing = await duplicate();
  if (existing) throw conflict(existing.id);
  try {
    const created = await db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('data_files')
        .values({
          name: fields.name ?? main.fileName,
          experiment_id: experiment.id,
          equipment_id: fields.equipmentId ?? null,
          original_name: main.fileName,
          sha256: main.blob.sha256,
          size_bytes: main.blob.sizeBytes,
          blob_key: main.blob.key,
          owner_id: viewer.userId,
          status: experiment.status,
          state: 'queued',
          timezone: fields.timezone ?? null,
          attributes: fields.columnMappingId ? JSON.stringify({ [COLUMN_MAPPING_ATTRIBUTE]: fields.columnMappingId }) : undefined,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const uploaded = diffRows(null, row);
      if (companions.length > 0) uploaded.companions = { old: null, new: companions.map((c) => ({ kind: c.field, name: c.fileName })) };
      if (fields.deviceIds?.length) uploaded.devices = { old: null, new: [...fields.deviceIds] };
      await recordHistory(tx, { table: 'data_files', recordId: row.id, userId: viewer.userId, action: 'create', changes: uploaded });
      for (const c of companions) {
        await tx
          .insertInto('data_file_companions')
          .values({ data_file_id: row.id, kind: c.field as CompanionKind, original_name: c.fileName, sha256: c.blob.sha256, size_bytes: c.blob.sizeBytes, blob_key: c.blob.key })
          .execute();
      }
      if (fields.deviceIds?.length) await replaceDataFileDevices(tx, row.id, fields.deviceIds);
      const jobId = await enqueueIngestJob(tx, row.id, fields.format ? { format: fields.format } : {});
      return { dataFileId: row.id, jobId };
    });
    signalJobQueued();
    return created;
  } catch (err) {
    // Two uploads of the same bytes at once: the partial unique index lets one through; the other gets the 409 too.
    const again = await duplicate();
    if (again) throw conflict(again.id);
    throw err;
  }
}
