import { existsSync } from 'node:fs';
import { detectionHintsForDataFile } from './detection-hints.js';
import { DEFAULT_STREAM_MIN_BYTES } from '../config.js';
import type { Db } from '../db/database.js';
import type { CycleSummary } from '../domain/cycle-summary.js';
import { summariseCycles } from '../domain/cycle-summary.js';
import { summariseSteps, type StepSummary } from '../domain/step-table.js';
import type { CompanionFile, ParsedColumn, ParseResult } from '../parsers/cycler-parser.js';
import type { SpreadsheetLimits } from '../parsers/common/spreadsheet-reader.js';
import { cycleSeriesOf, parseFile } from '../parsers/parse-file.js';
import { parseLocalFile } from '../parsers/parse-local-file.js';
import { planFromFile } from '../parsers/stream/plan-from-file.js';
import { streamTable } from '../parsers/stream/stream-table.js';
import { readAll, type BlobStore } from '../storage/blob-store.js';
import { withLocalRawFile } from '../storage/raw-parts.js';
import { SeriesSpool } from '../storage/series-spool.js';
import { storeSeries, type SeriesProvenance } from '../storage/series-store.js';
import { withLocalTempFile } from '../storage/temp-file.js';
import type { DataFilesTable } from '../data-files/data-file.table.js';
import type { Selectable } from 'kysely';
import { computeQualityFlags, QualityScan, type QualityFlag, type CycleQualityFlags } from './quality-flags.js';
import { findVoltageWindow } from './voltage-window.repository.js';
import type { SeriesResume } from './append/resume-point.js';

/** A data file's parsed series, stored under `seriesKey`, with what goes into the database. */
export interface IngestedSeries {
  result: Omit<ParseResult, 'columns'> & { columns: Omit<ParsedColumn, 'values'>[] };
  cycles: CycleSummary[];
  steps: StepSummary[];
  quality: { flags: QualityFlag[]; perCycle: CycleQualityFlags };
  /** 'stream' when the file was read in batches. */
  mode: 'whole' | 'stream';
  /** With `checkpoint`: where the next append can go on from (a growing text file). */
  resume?: SeriesResume;
}

export interface IngestSeriesOptions {
  db: Db;
  blobStore: BlobStore;
  file: Selectable<DataFilesTable>;
  format?: string;
  seriesKey: string;
  streamMinBytes?: number;
  spreadsheetLimits?: SpreadsheetLimits;
  /** Keep a normalisation checkpoint, so that rows appended later can be parsed on their own (ADR 0010). */
  checkpoint?: boolean;
}

/**
 * Parses a data file's raw bytes and stores its normalised series as Parquet under `seriesKey`.
 * Big delimited-text files whose parser has a table plan are read in batches (memory flat in file size);
 * everything else is read whole (binary formats, gzip, small files).
 */
export async function ingestSeries(opts: IngestSeriesOptions): Promise<IngestedSeries> {
  const { db, blobStore, file } = opts;
  const companions = await db.selectFrom('data_file_companions').selectAll().where('data_file_id', '=', file.id).orderBy('id').execute();
  const companionFiles: CompanionFile[] = [];
  for (const c of companions) companionFiles.push({ fileName: c.original_name, bytes: await readAll(blobStore, c.blob_key) });
  const hints = await detectionHintsForDataFile(db, file);
  const window = await findVoltageWindow(db, file.id);
  const provenance = (format: string, parserVersion: string): SeriesProvenance => ({ sourceSha256: file.sha256, parser: format, parserVersion });

  if (file.size_bytes >= (opts.streamMinBytes ?? DEFAULT_STREAM_MIN_BYTES)) {
    const read = (offset: number, length: number) => readAll(blobStore, file.blob_key, { offset, length });
    const plan = await planFromFile(file.original_name, file.size_bytes, read, { format: opts.format, companions: companionFiles, ...hints });
    if (plan) {
      const cycles: CycleSummary[] = [];
      const steps: StepSummary[] = [];
      const writer = new SeriesSpool();
      let quality: QualityScan | undefined;
      try {
        const source = { open: (start: number) => blobStore.getStream(file.blob_key, { offset: start, length: file.size_bytes - start }) };
        const streamed = await streamTable(plan, source, file.original_name, {
          begin: (survey) => { quality = new QualityScan(window, survey.medianTimeStepS); },
          block: async (block) => {
            const series = cycleSeriesOf(block);
            cycles.push(...summariseCycles(series));
            steps.push(...summariseSteps(series));
            quality!.add(block);
            await writer.add(block.columns);
          },
        }, { checkpoint: opts.checkpoint });
        await withLocalTempFile('.parquet', async (path) => {
          await writer.finish(streamed.columns, provenance(streamed.format, streamed.parserVersion), path);
          await blobStore.putFile(opts.seriesKey, path);
        });
        const snapshot = quality!.snapshot();
        const resume = streamed.resume && {
          checkpoint: streamed.resume.checkpoint,
          facts: { ...streamed.resume.facts, rows: streamed.rows, outputs: streamed.columns.map((c) => c.name), quality: snapshot, medianTimeStepS: streamed.medianTimeStepS },
        };
        return { result: streamed, cycles, steps, quality: quality!.result(), mode: 'stream', resume };
      } finally {
        await writer.discard();
      }
    }
  }

  // A local store's file is read in place (text tables a piece at a time; parts joined first, ADR 0019); other stores' objects whole
  // (and a missing object through readAll, which raises the store's not-found error).
  const parseOpts = { fileName: file.original_name, companions: companionFiles, format: opts.format, spreadsheetLimits: opts.spreadsheetLimits, checkpoint: opts.checkpoint, ...hints };
  const { result, cycles, resume: normalised } = await withLocalRawFile(blobStore, file.blob_key, async (local) => local !== undefined && existsSync(local)
    ? parseLocalFile(local, parseOpts)
    : parseFile({ ...parseOpts, bytes: await readAll(blobStore, file.blob_key) }));
  const steps = summariseSteps(cycleSeriesOf(result));
  const { snapshot, medianTimeStepS, ...quality } = computeQualityFlags(result, window);
  await storeSeries(blobStore, opts.seriesKey, result.columns, provenance(result.format, result.parserVersion));
  const resume = normalised && {
    checkpoint: normalised.checkpoint,
    facts: { ...normalised.facts, rows: result.rows, outputs: result.columns.map((c) => c.name), quality: snapshot, medianTimeStepS },
  };
  return { result, cycles, steps, quality, mode: 'whole', resume };
}
