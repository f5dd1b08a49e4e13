import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { ParsedColumn, ParseResult, TablePlan } from '../cycler-parser.js';
import { noDataRows, parsedColumnsOf, readDroppingBadColumns } from '../common/column-plan.js';
import { restThresholdA } from '../normalise/direction.js';
import { OriginalTimeColumn } from '../normalise/normalise-plan.js';
import type { NormaliseFacts } from '../normalise/normalise-checkpointed.js';
import { NormaliseStream, type NormaliseCheckpoint, type NormalisedBlock } from '../normalise/normalise-stream.js';

export { OriginalTimeColumn };
import { TimeStepSampler } from '../../domain/time-step-sampler.js';
import { readTableBatches, ShortRowTally } from './table-batches.js';

/** A file's bytes from a given offset on, in pieces (a blob store stream). */
export interface ByteSource {
  open(start: number): Promise<AsyncIterable<Uint8Array>>;
}

/** What a streamed parse found, once every block has been handed out. */
export interface StreamedTable extends Omit<ParseResult, 'columns'> {
  /** The normalised columns of every block, without values ('Test Time (original)' only when time went backwards). */
  columns: Omit<ParsedColumn, 'values'>[];
  /** Median positive time step, sampled over the whole file (for gap detection). */
  medianTimeStepS: number;
  /** With `checkpoint`: where normalisation stands before the open cycle, to go on with appended rows (ADR 0010). */
  resume?: { checkpoint: NormaliseCheckpoint; facts: NormaliseFacts };
}

/** Where a streamed parse's output goes: what the first pass found, then the blocks in file order. */
export interface TableSink {
  begin(survey: { rows: number; medianTimeStepS: number }): void;
  block(block: NormalisedBlock): Promise<void>;
}


/**
 * Parses and normalises a big delimited-text file in two passes over its bytes, holding one batch of
 * rows at a time: the first pass finds what normalisation needs from the whole file (row count, the
 * largest current, which columns hold values, first values, the typical time step), the second reads
 * the rows again and hands out normalised blocks of whole cycles to the sink, in file order. The
 * blocks joined equal what `parseFile` gives for the same bytes (src/parsers/stream/stream-table.test.ts).
 */
export async function streamTable(given: TablePlan, source: ByteSource, fileName: string, sink: TableSink, opts: { batchBytes?: number; checkpoint?: boolean } = {}): Promise<StreamedTable> {
  // The first pass meets any unreadable field first: the second reads with the plan that read the whole file.
  const { plan, value: survey } = await readDroppingBadColumns(given, (plan) => surveyTable(plan, source, fileName, opts.batchBytes));
  const medianTimeStepS = survey.timeSteps.median();
  sink.begin({ rows: survey.rows, medianTimeStepS });
  const present = new Set<string>();
  for (const [name, value] of survey.first) if (value === value) present.add(name);
  const out = { metadata: { ...plan.metadata }, warnings: [...plan.warnings, ...survey.tableWarnings] };
  plan.complete?.((name) => survey.first.get(name) ?? NaN, out);
  const facts: NormaliseFacts = {
    restThresholdA: restThresholdA(Float64Array.of(survey.maxAbsCurrentA)), maxAbsCurrentA: survey.maxAbsCurrentA,
    present: [...present], columns: survey.columns, parserWarnings: [...out.warnings],
  };
  const stream = new NormaliseStream({
    format: plan.format, fileName, counters: plan.counters, columns: survey.columns, restThresholdA: facts.restThresholdA, present, warnings: out.warnings,
  });
  for await (const batch of readTableBatches(await source.open(plan.dataStart), plan, fileName, new ShortRowTally(), opts.batchBytes)) {
    const columns = parsedColumnsOf(plan, batch.values, [], survey.hasValues);
    const block = stream.push(columns.map((c) => c.values));
    if (block) await sink.block(block);
  }
  const checkpoint = opts.checkpoint ? stream.checkpoint() : undefined;
  const last = stream.finish();
  if (last) await sink.block(last);
  return {
    format: plan.format,
    parserVersion: plan.parserVersion,
    rows: survey.rows,
    columns: stream.columns.filter((c) => stream.timeResets > 0 || c.name !== OriginalTimeColumn),
    metadata: out.metadata,
    warnings: stream.warnings,
    counters: { capacity: 'per-cycle', energy: 'per-cycle' },
    medianTimeStepS,
    resume: checkpoint && { checkpoint, facts },
  };
}

interface TableSurvey {
  rows: number;
  /** Per planned column: holds a value somewhere in the file. */
  hasValues: boolean[];
  /** Parsed columns (after unit conversion) as every batch will give them. */
  columns: Omit<ParsedColumn, 'values'>[];
  /** First finite value of each parsed column (NaN: none). */
  first: Map<string, number>;
  maxAbsCurrentA: number;
  timeSteps: TimeStepSampler;
  /** Short rows and unit warnings, as the whole-file reader reports them. */
  tableWarnings: ParseResult['warnings'];
}

// First pass: every column read and converted (and post-processed by the plan's toColumns, so the largest
// current is the signed one), nothing kept but the facts normalisation needs.
async function surveyTable(plan: TablePlan, source: ByteSource, fileName: string, batchBytes: number | undefined): Promise<TableSurvey> {
  const shortRows = new ShortRowTally();
  const keepAll = plan.columns.map(() => true);
  const hasValues = plan.columns.map(() => false);
  const first = new Map<string, number>();
  const timeSteps = new TimeStepSampler();
  const unitWarnings: ParseResult['warnings'] = [];
  let rows = 0;
  let maxAbs = 0;
  for await (const batch of readTableBatches(await source.open(plan.dataStart), plan, fileName, shortRows, batchBytes)) {
    batch.values.forEach((v, k) => { if (!hasValues[k]) hasValues[k] = v.some((x) => x === x); });
    const parsed = parsedColumnsOf(plan, batch.values, rows === 0 ? unitWarnings : [], keepAll);
    for (const c of parsed) {
      const known = first.get(c.name);
      if (known !== undefined && known === known) continue;
      const at = c.values.findIndex((x) => x === x);
      first.set(c.name, at < 0 ? NaN : c.values[at]);
    }
    const current = parsed.find((c) => c.name === CanonicalColumn.Current)?.values;
    if (current) for (let i = 0; i < current.length; i++) { const a = Math.abs(current[i]); if (a > maxAbs) maxAbs = a; }
    const time = parsed.find((c) => c.name === CanonicalColumn.TestTime && c.values.some((x) => x === x)) ?? parsed.find((c) => c.name === CanonicalColumn.UnixTime);
    if (time) timeSteps.add(time.values);
    rows += batch.rows;
  }
  if (rows === 0) throw noDataRows(plan, fileName);
  // The columns every batch gives: those not canonical and empty in the whole file are dropped, as toParsedColumns does.
  const columns = parsedColumnsOf(plan, plan.columns.map(() => new Float64Array(0)), [], hasValues).map(({ values: _values, ...rest }) => rest);
  return {
    rows, hasValues, columns, first, maxAbsCurrentA: maxAbs, timeSteps,
    tableWarnings: [...shortRows.warnings(), ...unitWarnings],
  };
}
