import type { Selectable } from 'kysely';
import { detectionHintsForDataFile } from '../detection-hints.js';
import type { DataFilesTable } from '../../data-files/data-file.table.js';
import type { Db } from '../../db/database.js';
import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { summariseCycles } from '../../domain/cycle-summary.js';
import { summariseSteps } from '../../domain/step-table.js';
import type { CompanionFile, ParsedColumn, ParseWarning, TablePlan } from '../../parsers/cycler-parser.js';
import { parsedColumnsOf } from '../../parsers/common/column-plan.js';
import { concatValues } from '../../parsers/common/concat-values.js';
import { maxAbs, restThresholdOfMax } from '../../parsers/normalise/direction.js';
import { joinBlocks } from '../../parsers/normalise/normalise-checkpointed.js';
import { OriginalTimeColumn } from '../../parsers/normalise/normalise-plan.js';
import { NormaliseStream } from '../../parsers/normalise/normalise-stream.js';
import { cycleSeriesOf } from '../../parsers/parse-file.js';
import { planFromFile } from '../../parsers/stream/plan-from-file.js';
import { readTableBatches, ShortRowTally } from '../../parsers/stream/table-batches.js';
import { readAll, type BlobStore } from '../../storage/blob-store.js';
import type { IngestedSeries } from '../ingest-series.js';
import { QualityScan } from '../quality-flags.js';
import { findVoltageWindow } from '../voltage-window.repository.js';
import type { StoredResumePoint } from './resume-point.js';
import { rewriteSeriesTail } from './rewrite-series-tail.js';

/** Appended bytes parsed on their own up to this size; a bigger append is parsed with the whole file. */
const MAX_APPEND_BYTES = 256 * 1024 * 1024;

/** An ingest of only the rows appended since the last one: summaries and flags from `fromCycle` / `fromStep` on. */
export interface AppendedSeries extends Omit<IngestedSeries, 'mode'> {
  mode: 'append';
  fromCycle: number;
  fromStep: number;
}

export interface AppendSeriesOptions {
  db: Db;
  blobStore: BlobStore;
  file: Selectable<DataFilesTable>;
  point: StoredResumePoint;
  seriesKey: string;
}

/**
 * Parses only the bytes appended to a text file since its last ingest (from the resume point on),
 * normalises them from the checkpoint (the open cycle again, with them) and stores the series as the
 * stored one's row groups plus new ones for the tail. The result equals a parse of the whole grown
 * file (append-series.test.ts). A reason string instead when that cannot be promised — another
 * parser version, rows that would change a whole-file fact (a larger current moves the rest
 * threshold, a column gets its first value, time goes backwards for the first time) — and the
 * caller parses the whole file.
 */
export async function appendSeries(opts: AppendSeriesOptions): Promise<AppendedSeries | string> {
  const { db, blobStore, file, point } = opts;
  const size = Number(file.size_bytes);
  const facts = point.facts;
  if (!file.series_key) return 'no stored series';
  if (size - point.byteEnd > MAX_APPEND_BYTES) return 'appended more than 256 MiB at once';
  const companions: CompanionFile[] = [];
  for (const c of await db.selectFrom('data_file_companions').selectAll().where('data_file_id', '=', file.id).orderBy('id').execute()) {
    companions.push({ fileName: c.original_name, bytes: await readAll(blobStore, c.blob_key) });
  }
  const read = (offset: number, length: number) => readAll(blobStore, file.blob_key, { offset, length });
  const planOpts = { format: point.format, companions, ...(await detectionHintsForDataFile(db, file)) };
  const plan = await planFromFile(file.original_name, size, read, planOpts);
  if (!plan) return 'no table plan for this format';
  if (plan.format !== point.format || plan.parserVersion !== point.parserVersion) return `parser changed (${point.format} ${point.parserVersion} → ${plan.format} ${plan.parserVersion})`;
  // A plan may decide from the file's values (units, counter semantics): the grown file's must be the one the stored rows had.
  const before = await planFromFile(file.original_name, point.byteEnd, read, planOpts);
  if (!before || planSignature(before) !== planSignature(plan)) return 'the grown file reads differently (columns, units or counters decided from its values)';

  const warnings: ParseWarning[] = [];
  const raw = await readAppendedRows(blobStore, file, plan, point, warnings);
  const aligned = alignColumns(raw, facts.columns.map((c) => c.name));
  if (typeof aligned === 'string') return aligned;
  const current = aligned[facts.columns.findIndex((c) => c.name === CanonicalColumn.Current)];
  if (current && restThresholdOfMax(Math.max(facts.maxAbsCurrentA, maxAbs(current))) !== facts.restThresholdA) return 'a larger current changes the rest threshold';
  const absentBefore = facts.columns.findIndex((c, k) => !facts.present.includes(c.name) && aligned[k].some((v) => v === v));
  if (absentBefore >= 0) return `column '${facts.columns[absentBefore].name}' has its first values`;

  const stream = new NormaliseStream({
    format: plan.format, fileName: file.original_name, counters: plan.counters, columns: facts.columns, restThresholdA: facts.restThresholdA,
    present: new Set(facts.present), warnings: [...facts.parserWarnings, ...warnings], checkpoint: point.checkpoint,
  });
  const fromRow = point.checkpoint.state.rows;
  const blocks = [stream.push(aligned)];
  const checkpoint = stream.checkpoint();
  blocks.push(stream.finish());
  const keepOriginalTime = facts.outputs.includes(OriginalTimeColumn);
  if (!keepOriginalTime && stream.timeResets > 0) return 'time went backwards for the first time';
  const columns = joinBlocks(blocks, keepOriginalTime);
  if (columns.map((c) => c.name).join('\u0000') !== facts.outputs.join('\u0000')) return 'the normalised columns changed';
  const emitted = columns[0]?.values.length ?? 0;
  const rows = fromRow + emitted;

  const window = await findVoltageWindow(db, file.id);
  const scan = QualityScan.resume(window, facts.medianTimeStepS, facts.quality);
  const fresh = facts.rows - fromRow;
  scan.add({ rows: emitted - fresh, columns: columns.map((c) => ({ ...c, values: c.values.subarray(fresh) })) });
  const quality = scan.snapshot();
  const provenance = { sourceSha256: file.sha256, parser: plan.format, parserVersion: plan.parserVersion };
  if (!(await rewriteSeriesTail(blobStore, file.series_key, opts.seriesKey, fromRow, columns, provenance))) return 'the new rows do not fit the stored column types';

  const series = cycleSeriesOf({ columns });
  const stored = (file.columns ?? []) as Omit<ParsedColumn, 'values'>[];
  const { warnings: _w, counters: _c, readInBatches: _r, appendedRowsOnly: _a, parsedWholeAfterAppend: _p, ...metadata } = (file.metadata ?? {}) as Record<string, unknown>;
  return {
    mode: 'append',
    result: { format: plan.format, parserVersion: plan.parserVersion, rows, columns: stored, metadata, warnings: stream.warnings, counters: { capacity: 'per-cycle', energy: 'per-cycle' } },
    cycles: summariseCycles(series),
    steps: summariseSteps(series),
    quality: scan.result(),
    resume: { checkpoint, facts: { ...facts, rows, quality, parserWarnings: [...facts.parserWarnings, ...warnings] } },
    fromCycle: series.cycle[0],
    fromStep: series.stepCount[0],
  };
}

/** The planned columns of the rows in the appended bytes, read whole (they are few next to the file). */
async function readAppendedRows(store: BlobStore, file: Selectable<DataFilesTable>, plan: TablePlan, point: StoredResumePoint, warnings: ParseWarning[]): Promise<ParsedColumn[]> {
  const size = Number(file.size_bytes);
  const source = await store.getStream(file.blob_key, { offset: point.byteEnd, length: size - point.byteEnd });
  const tally = new ShortRowTally();
  // Line numbers in errors: the data lines before, counted as one per stored row.
  const from = { ...plan, dataLine: plan.dataLine + point.facts.rows };
  const parts: Float64Array[][] = [];
  for await (const batch of readTableBatches(source, from, file.original_name, tally)) parts.push(batch.values.map((v) => v.slice(0, batch.rows)));
  warnings.push(...tally.warnings());
  const values = plan.columns.map((_, k) => concatValues(parts.map((p) => p[k])));
  return parsedColumnsOf(plan, values, warnings, plan.columns.map(() => true));
}

/**
 * The appended rows' columns in the stored input order (a repeated header matched by its occurrence);
 * a reason when a stored column is missing or a column the stored rows lacked has values.
 */
function alignColumns(columns: readonly ParsedColumn[], names: readonly string[]): Float64Array[] | string {
  const nth = (list: readonly string[], i: number) => list.slice(0, i).filter((n) => n === list[i]).length;
  const available = columns.map((c) => c.name);
  const out: Float64Array[] = [];
  const used = new Set<number>();
  for (let i = 0; i < names.length; i++) {
    const k = available.findIndex((n, j) => n === names[i] && nth(available, j) === nth(names, i));
    if (k < 0) return `column '${names[i]}' is gone`;
    used.add(k);
    out.push(columns[k].values);
  }
  const extra = columns.find((c, k) => !used.has(k) && c.values.some((v) => v === v));
  return extra ? `new column '${extra.name}'` : out;
}

/** Everything about a table plan that decides the rows it reads (readers by their factory id). */
function planSignature(plan: TablePlan): string {
  const { complete: _complete, toColumns: _toColumns, columns, ...rest } = plan;
  return JSON.stringify({ ...rest, columns: columns.map(({ read, ...c }) => ({ ...c, read: read ? (read.ref ?? 'reader') : null })) });
}
