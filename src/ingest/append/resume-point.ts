import type { Db } from '../../db/database.js';
import type { NormaliseFacts } from '../../parsers/normalise/normalise-checkpointed.js';
import type { NormaliseCheckpoint } from '../../parsers/normalise/normalise-stream.js';
import { decodeCheckpoint, encodeCheckpoint, numberReplacer, numberReviver } from '../../parsers/normalise/normalise-checkpoint.js';
import { readAll, toReadable, type BlobStore } from '../../storage/blob-store.js';
import type { QualityScanSnapshot } from '../quality-flags.js';

/** What an ingest of a growing text file knows at its end, beside the normalisation checkpoint. */
export interface ResumeFacts extends NormaliseFacts {
  /** Rows stored in the series. */
  rows: number;
  /** The stored (output) column names, in order. */
  outputs: string[];
  quality: QualityScanSnapshot;
  medianTimeStepS: number;
}

/** Where the last ingest of a growing text file stopped: enough to parse rows appended since on their own. */
export interface SeriesResume {
  checkpoint: NormaliseCheckpoint;
  facts: ResumeFacts;
}

export interface StoredResumePoint extends SeriesResume {
  rawSha256: string;
  byteEnd: number;
  format: string;
  parserVersion: string;
  checkpointKey: string;
}

/** The checkpoint's object in the blob store: one per ingest job, so a retried job overwrites its own. */
export function checkpointKeyFor(dataFileId: number, jobId: number): string {
  return `series/${dataFileId}/checkpoint-job-${jobId}.bin`;
}

/** Stores a checkpoint's bytes (before the transaction that records the resume point). */
export async function putCheckpoint(store: BlobStore, key: string, checkpoint: NormaliseCheckpoint): Promise<void> {
  const temp = await store.putTemp(toReadable((async function* () { yield encodeCheckpoint(checkpoint); })()));
  await store.publish(temp.key, key);
}

/** The data file's resume point, or null (none, or its checkpoint is gone). */
export async function readResumePoint(db: Db, store: BlobStore, dataFileId: number): Promise<StoredResumePoint | null> {
  const row = await db.selectFrom('series_resume_points').selectAll().where('data_file_id', '=', dataFileId).executeTakeFirst();
  if (!row) return null;
  if ((await store.size(row.checkpoint_key)) === null) return null;
  return {
    rawSha256: row.raw_sha256, byteEnd: Number(row.byte_end), format: row.format, parserVersion: row.parser_version, checkpointKey: row.checkpoint_key,
    checkpoint: decodeCheckpoint(await readAll(store, row.checkpoint_key)),
    facts: JSON.parse(typeof row.facts === 'string' ? row.facts : JSON.stringify(row.facts), numberReviver) as ResumeFacts,
  };
}

/** Records (or replaces) the resume point inside the caller's transaction; returns the checkpoint key it replaced. */
export async function writeResumePoint(db: Db, point: Omit<StoredResumePoint, 'checkpoint'> & { dataFileId: number }): Promise<string | null> {
  const before = await db.selectFrom('series_resume_points').select('checkpoint_key').where('data_file_id', '=', point.dataFileId).executeTakeFirst();
  const values = {
    raw_sha256: point.rawSha256, byte_end: point.byteEnd, format: point.format, parser_version: point.parserVersion,
    checkpoint_key: point.checkpointKey, facts: JSON.stringify(point.facts, numberReplacer),
  };
  await db.insertInto('series_resume_points').values({ data_file_id: point.dataFileId, ...values }).onConflict((oc) => oc.column('data_file_id').doUpdateSet(values)).execute();
  return before && before.checkpoint_key !== point.checkpointKey ? before.checkpoint_key : null;
}

/** Forgets the resume point (the file was rewritten or parsed some other way); returns its checkpoint key. */
export async function dropResumePoint(db: Db, dataFileId: number): Promise<string | null> {
  const row = await db.deleteFrom('series_resume_points').where('data_file_id', '=', dataFileId).returning('checkpoint_key').executeTakeFirst();
  return row?.checkpoint_key ?? null;
}
