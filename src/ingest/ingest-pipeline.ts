import type { Selectable } from 'kysely';
import type { DataFilesTable } from '../data-files/data-file.table.js';
import type { Db } from '../db/database.js';
import { diffRows, recordHistory } from '../history/history.repository.js';
import { AppError } from '../domain/errors.js';
import { ParseError } from '../parsers/cycler-parser.js';
import { ingestFailures, ingestRows } from '../observability/metrics.js';
import { StorageUnavailableError } from '../storage/storage-errors.js';
import type { SpreadsheetLimits } from '../parsers/common/spreadsheet-reader.js';
import type { BlobStore } from '../storage/blob-store.js';
import { seriesKeyFor } from '../storage/series-store.js';
import { ingestMaybeAppended, recordResumePoint, storeCheckpoint } from './append/ingest-growing.js';
import { completeJob, failJob, type ClaimedJob } from './job-queue.js';
import { replaceCycleSummaries, replaceCycleSummariesFrom } from './cycle-columns.js';
import { mergeQualityFlags, type QualityFlag } from './quality-flags.js';
import { chunks, stepRows } from './summary-rows.js';

export interface IngestDeps {
  db: Db;
  blobStore: BlobStore;
  /** Raw files from this size on are parsed in batches when their format allows (default DEFAULT_STREAM_MIN_BYTES). */
  streamMinBytes?: number;
  /** Time and heap allowed to one workbook read (default DEFAULT_SPREADSHEET_LIMITS). */
  spreadsheetLimits?: SpreadsheetLimits;
}

/** The job lost its lease to another worker while running; its work is dropped. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

/**
 * Runs one ingest job: raw bytes → parse + normalise → Parquet (under the job's own key; ingest-series.ts) → one transaction
 * that inserts cycles, steps and flags, marks the file ready and points it at the new series. A crash at any
 * point before that commit leaves the previous state visible; the job is re-claimed when its lease expires.
 */
export async function runIngestJob(deps: IngestDeps, job: ClaimedJob): Promise<'ready' | 'failed' | 'queued'> {
  const { db, blobStore } = deps;
  const file = await db.selectFrom('data_files').selectAll().where('id', '=', job.dataFileId).executeTakeFirstOrThrow();
  if (job.attempts > job.maxAttempts) {
    // Claimed again after its lease ran out too often: its workers keep dying on it (out of memory, killed).
    return recordFailure(db, job, file, new AppError('INTERNAL', `Ingest gave up after ${job.attempts - 1} attempts whose workers stopped before finishing`));
  }
  await db.updateTable('data_files').set({ state: 'parsing' }).where('id', '=', file.id).execute();
  try {
    const seriesKey = seriesKeyFor(file.id, job.id);
    const ingested = await ingestMaybeAppended({ db, blobStore, file, format: job.payload.format, seriesKey, streamMinBytes: deps.streamMinBytes, spreadsheetLimits: deps.spreadsheetLimits, payload: job.payload });
    const { result, cycles, steps, quality, mode } = ingested;
    const checkpointKey = await storeCheckpoint(blobStore, file, job.id, ingested);
    let unused: string[] = [];

    const previousKey = file.series_key;
    let superseded = false;
    await db.transaction().execute(async (tx) => {
      if (!(await completeJob(tx, job))) throw new LeaseLostError(`Job ${job.id} was taken over by another worker`);
      // The raw file grew (or was replaced) while this job parsed it: the job queued by that change parses the new bytes.
      if (await rawChangedSince(tx, file)) {
        superseded = true;
        return;
      }
      if (ingested.mode === 'append') {
        await replaceCycleSummariesFrom(tx, file.id, ingested.fromCycle, cycles, quality.perCycle);
        await tx.deleteFrom('steps').where('data_file_id', '=', file.id).where('step_count', '>=', ingested.fromStep).execute();
      } else {
        await replaceCycleSummaries(tx, file.id, cycles, quality.perCycle);
        await tx.deleteFrom('steps').where('data_file_id', '=', file.id).execute();
      }
      for (const batch of chunks(stepRows(file.id, steps), 500)) await tx.insertInto('steps').values(batch).execute();
      unused = await recordResumePoint(tx, file, ingested, checkpointKey);
      const flags = ingested.mode === 'append' ? mergeQualityFlags((file.quality_flags ?? []) as QualityFlag[], quality.flags) : quality.flags;
      const how = ingested.mode === 'append' ? { appendedRowsOnly: true } : ingested.appendFallback ? { parsedWholeAfterAppend: ingested.appendFallback } : {};
      await tx
        .updateTable('data_files')
        .set({
          state: 'ready',
          error: null,
          format: result.format,
          parser_version: result.parserVersion,
          series_key: seriesKey,
          row_count: result.rows,
          columns: JSON.stringify(result.columns.map((c) => ({ name: c.name, unit: c.unit, originalName: c.originalName, originalUnit: c.originalUnit }))),
          metadata: JSON.stringify({ ...result.metadata, warnings: result.warnings, counters: result.counters, ...(mode === 'stream' ? { readInBatches: true } : {}), ...how }),
          quality_flags: JSON.stringify(flags),
          recorded_at: file.recorded_at ?? recordedAtOf(result.metadata),
          modified_at: new Date(),
        })
        .where('id', '=', file.id)
        .execute();
      await recordIngestHistory(tx, file, {
        state: 'ready', error: null, format: result.format, parser_version: result.parserVersion, row_count: result.rows,
      });
      await tx
        .insertInto('data_file_versions')
        .values({ data_file_id: file.id, job_id: job.id, format: result.format, parser_version: result.parserVersion, series_key: seriesKey, row_count: result.rows })
        .execute();
    });
    if (superseded) {
      await blobStore.delete(seriesKey);
      if (checkpointKey) await blobStore.delete(checkpointKey);
      return 'queued';
    }
    // Earlier series objects stay listed in data_file_versions; only the current one is kept in the store.
    if (previousKey && previousKey !== seriesKey) await blobStore.delete(previousKey);
    for (const key of unused) await blobStore.delete(key);
    // Rows this job added: an append only those after the rows already stored.
    ingestRows.inc({ format: result.format }, ingested.mode === 'append' ? result.rows - Number(file.row_count ?? 0) : result.rows);
    return 'ready';
  } catch (err) {
    if (err instanceof LeaseLostError) throw err;
    return recordFailure(db, job, file, err);
  }
}

// Parse errors are final (the same bytes fail the same way): the file is marked failed at once, raw bytes kept.
// A blob store outage is waited out (the job is queued again, its attempt not counted); anything else
// (database, an unexpected error) is retried with back-off until the job's attempts run out.
async function recordFailure(db: Db, job: ClaimedJob, file: Selectable<DataFilesTable>, err: unknown): Promise<'failed' | 'queued'> {
  const outage = err instanceof StorageUnavailableError;
  const final = (err instanceof ParseError || err instanceof AppError) && !outage;
  const error = describeError(err);
  ingestFailures.inc({ format: err instanceof ParseError ? err.format : (job.payload.format ?? file.format ?? 'unknown'), transient: String(!final) });
  return db.transaction().execute(async (tx) => {
    const outcome = await failJob(tx, job, error, outage ? 'outage' : !final);
    // No longer ours (handed back by a draining worker, or taken over): the data file belongs to whoever holds the job now.
    if (outcome === 'lost') throw new LeaseLostError(`Job ${job.id} is no longer held by this worker`);
    await tx
      .updateTable('data_files')
      .set(outcome === 'failed' ? { state: 'failed', error: JSON.stringify(error) } : { state: 'queued' })
      .where('id', '=', file.id)
      .where('sha256', '=', file.sha256)
      .execute();
    if (outcome === 'failed') await recordIngestHistory(tx, file, { state: 'failed', error });
    return outcome;
  });
}

/** Whether the data file's raw bytes are no longer those `file` (read when the job started) named. */
async function rawChangedSince(tx: Db, file: Selectable<DataFilesTable>): Promise<boolean> {
  const now = await tx.selectFrom('data_files').select('sha256').where('id', '=', file.id).forUpdate().executeTakeFirstOrThrow();
  return now.sha256 !== file.sha256;
}

/**
 * The ingest's outcome in the data file's edit history (no user: the worker made it): the state it
 * reached, with the format, parser version and rows, or the error.
 */
async function recordIngestHistory(db: Db, file: Selectable<DataFilesTable>, after: Record<string, unknown>): Promise<void> {
  const before = Object.fromEntries(Object.keys(after).map((k) => [k, file[k as keyof typeof file]]));
  await recordHistory(db, { table: 'data_files', recordId: file.id, userId: null, action: 'update', changes: diffRows(before, after) });
}

/** The error as stored on a data file: {code, message, format?, line?, byte?, field?}. */
export function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof ParseError) return { code: err.code, ...err.toJSON() };
  if (err instanceof AppError) return { code: err.code, message: err.message, ...err.details };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

function recordedAtOf(metadata: Record<string, unknown>): Date | null {
  const start = metadata.startTime ?? metadata.start_time ?? metadata.startedAt;
  if (typeof start !== 'string') return null;
  const d = new Date(start);
  return Number.isNaN(d.getTime()) ? null : d;
}

