import type { Selectable } from 'kysely';
import type { DataFilesTable } from '../../data-files/data-file.table.js';
import type { Db } from '../../db/database.js';
import { readAll, type BlobStore } from '../../storage/blob-store.js';
import type { IngestedSeries, IngestSeriesOptions } from '../ingest-series.js';
import { ingestSeries } from '../ingest-series.js';
import type { IngestPayload } from '../job-queue.js';
import { appendSeries, type AppendedSeries } from './append-series.js';
import { checkpointKeyFor, dropResumePoint, putCheckpoint, readResumePoint, writeResumePoint } from './resume-point.js';

/** An ingest's series, and how it was made when the file grew: appended rows only, or why not. */
export type GrowingIngest = (IngestedSeries | AppendedSeries) & { appendFallback?: string };

/**
 * The ingest of a data file, choosing for a file that grew (payload.appendedTo): its appended rows
 * alone when its resume point covers exactly the bytes it had (appendSeries), else the whole file
 * with a checkpoint kept for the next append. Other files: ingestSeries as ever.
 */
export async function ingestMaybeAppended(opts: IngestSeriesOptions & { payload: IngestPayload }): Promise<GrowingIngest> {
  const before = opts.payload.appendedTo;
  if (!before) return ingestSeries(opts);
  const point = await readResumePoint(opts.db, opts.blobStore, opts.file.id);
  let fallback = 'no resume point yet (the first append of this file)';
  if (point && point.rawSha256 === before.sha256 && point.byteEnd === before.size) {
    const appended = await appendSeries({ db: opts.db, blobStore: opts.blobStore, file: opts.file, point, seriesKey: opts.seriesKey });
    if (typeof appended !== 'string') return appended;
    fallback = appended;
  } else if (point) {
    fallback = 'the resume point is of other bytes';
  }
  return { ...(await ingestSeries({ ...opts, checkpoint: true })), appendFallback: fallback };
}

/**
 * Stores the checkpoint of an ingest that kept one, before the transaction that records it (as the
 * series object is): only for a raw file that ends with a line feed (a last line without one may be
 * cut, and must not be continued). Returns its key, or null (no resume point for this file).
 */
export async function storeCheckpoint(store: BlobStore, file: Selectable<DataFilesTable>, jobId: number, ingested: GrowingIngest): Promise<string | null> {
  if (!ingested.resume) return null;
  const size = Number(file.size_bytes);
  const endsWithLine = size > 0 && (await readAll(store, file.blob_key, { offset: size - 1, length: 1 }))[0] === 0x0a;
  if (!endsWithLine) return null;
  const key = checkpointKeyFor(file.id, jobId);
  await putCheckpoint(store, key, ingested.resume.checkpoint);
  return key;
}

/**
 * Records (checkpointKey from storeCheckpoint) or forgets the resume point of an ingest, in the
 * caller's transaction. Returns the checkpoint objects to remove once the transaction has committed.
 */
export async function recordResumePoint(tx: Db, file: Selectable<DataFilesTable>, ingested: GrowingIngest, checkpointKey: string | null): Promise<string[]> {
  if (!ingested.resume || checkpointKey === null) {
    const dropped = await dropResumePoint(tx, file.id);
    return dropped ? [dropped] : [];
  }
  const replaced = await writeResumePoint(tx, {
    dataFileId: file.id, rawSha256: file.sha256, byteEnd: Number(file.size_bytes), format: ingested.result.format, parserVersion: ingested.result.parserVersion, checkpointKey, facts: ingested.resume.facts,
  });
  return replaced ? [replaced] : [];
}
