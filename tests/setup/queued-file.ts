import { Readable } from 'node:stream';
import type { Db } from '../../src/db/database.js';
import { claimJob, enqueueIngestJob, type ClaimedJob } from '../../src/ingest/job-queue.js';
import { putContent, type BlobStore } from '../../src/storage/blob-store.js';

/** Stores `bytes` as a new data file of a new experiment owned by `ownerId`, queues its ingest job and claims it. */
export async function claimNewDataFile(db: Db, store: BlobStore, ownerId: number, file: { name: string; bytes: Uint8Array }): Promise<{ dataFileId: number; job: ClaimedJob }> {
  const blob = await putContent(store, Readable.from([Buffer.from(file.bytes)]));
  const experimentId = (await db.insertInto('experiments').values({ name: `exp ${blob.sha256.slice(0, 12)} ${Math.random()}`, owner_id: ownerId }).returning('id').executeTakeFirstOrThrow()).id;
  const row = await db
    .insertInto('data_files')
    .values({ name: file.name, experiment_id: experimentId, original_name: file.name, sha256: blob.sha256, size_bytes: blob.sizeBytes, blob_key: blob.key, owner_id: ownerId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueIngestJob(db, row.id);
  const job = await claimJob(db, 'test', 120_000);
  if (!job || job.dataFileId !== row.id) throw new Error(`expected to claim the job of data file ${row.id}`);
  return { dataFileId: row.id, job };
}
