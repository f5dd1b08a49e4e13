import { mappingsForDataFile } from '../column-mappings/data-file-mappings.js';
import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { summariseSteps } from '../domain/step-table.js';
import { ParseError, type CompanionFile } from '../parsers/cycler-parser.js';
import { cycleSeriesOf, parseFile } from '../parsers/parse-file.js';
import { readAll, type BlobStore } from '../storage/blob-store.js';
import { seriesKeyFor, storeSeries } from '../storage/series-store.js';
import { completeJob, failJob, type ClaimedJob } from './job-queue.js';
import { computeQualityFlags } from './quality-flags.js';
import { replaceCycleSummaries } from './cycle-columns.js';
import { chunks, stepRows } from './summary-rows.js';
import { findVoltageWindow } from './voltage-window.repository.js';

export interface IngestDeps {
  db: Db;
  blobStore: BlobStore;
}

/** The job lost its lease to another worker while running; its work is dropped. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

/**
 * Runs one ingest job: raw bytes → parse + normalise → Parquet (under the job's own key) → one transaction
 * that inserts cycles, steps and flags, marks the file ready and points it at the new series. A crash at any
 * point before that commit leaves the previous state visible; the job is re-claimed when its lease expires.
 */
export async function runIngestJob(deps: IngestDeps, job: ClaimedJob): Promise<'ready' | 'failed' | 'queued'> {
  const { db, blobStore } = deps;
  const file = await db.selectFrom('data_files').selectAll().where('id', '=', job.dataFileId).executeTakeFirstOrThrow();
  if (job.attempts > job.maxAttempts) {
    // Claimed again after its lease ran out too often: its workers keep dying on it (out of memory, killed).
    return recordFailure(db, job, file.id, new AppError('INTERNAL', `Ingest gave up after ${job.attempts - 1} attempts whose workers stopped before finishing`));
  }
  await db.updateTable('data_files').set({ state: 'parsing' }).where('id', '=', file.id).execute();
  try {
    const companions = await db.selectFrom('data_file_companions').selectAll().where('data_file_id', '=', file.id).orderBy('id').execute();
    const companionFiles: CompanionFile[] = [];
    for (const c of companions) companionFiles.push({ fileName: c.original_name, bytes: await readAll(blobStore, c.blob_key) });
    const bytes = await readAll(blobStore, file.blob_key);
    const mappings = await mappingsForDataFile(db, file);
    const parsed = await parseFile({ fileName: file.original_name, bytes, companions: companionFiles, format: job.payload.format, ...mappings });
    const { result, cycles } = parsed;
    const steps = summariseSteps(cycleSeriesOf(result));
    const quality = computeQualityFlags(result, await findVoltageWindow(db, file.id));
    const seriesKey = seriesKeyFor(file.id, job.id);
    await storeSeries(blobStore, seriesKey, result.columns, { sourceSha256: file.sha256, parser: result.format, parserVersion: result.parserVersion });

    const previousKey = file.series_key;
    await db.transaction().execute(async (tx) => {
      if (!(await completeJob(tx, job))) throw new LeaseLostError(`Job ${job.id} was taken over by another worker`);
      await replaceCycleSummaries(tx, file.id, cycles, quality.perCycle);
      await tx.deleteFrom('steps').where('data_file_id', '=', file.id).execute();
      for (const batch of chunks(stepRows(file.id, steps), 500)) await tx.insertInto('steps').values(batch).execute();
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
          metadata: JSON.stringify({ ...result.metadata, warnings: result.warnings, counters: result.counters }),
          quality_flags: JSON.stringify(quality.flags),
          recorded_at: file.recorded_at ?? recordedAtOf(result.metadata),
          modified_at: new Date(),
        })
        .where('id', '=', file.id)
        .execute();
      await tx
        .insertInto('data_file_versions')
        .values({ data_file_id: file.id, job_id: job.id, format: result.format, parser_version: result.parserVersion, series_key: seriesKey, row_count: result.rows })
        .execute();
    });
    // Earlier series objects stay listed in data_file_versions; only the current one is kept in the store.
    if (previousKey && previousKey !== seriesKey) await blobStore.delete(previousKey);
    return 'ready';
  } catch (err) {
    if (err instanceof LeaseLostError) throw err;
    return recordFailure(db, job, file.id, err);
  }
}

// Parse errors are final (the same bytes fail the same way): the file is marked failed at once, raw bytes kept.
// Anything else (database, blob store) is retried with back-off until the job's attempts run out.
async function recordFailure(db: Db, job: ClaimedJob, dataFileId: number, err: unknown): Promise<'failed' | 'queued'> {
  const final = err instanceof ParseError || err instanceof AppError;
  const error = describeError(err);
  return db.transaction().execute(async (tx) => {
    const outcome = await failJob(tx, job, error, !final);
    await tx
      .updateTable('data_files')
      .set(outcome === 'failed' ? { state: 'failed', error: JSON.stringify(error) } : { state: 'queued' })
      .where('id', '=', dataFileId)
      .execute();
    return outcome;
  });
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

