import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { concatValues } from '../common/concat-values.js';
import type { ParsedColumn, ParseResult, ParseWarning } from '../cycler-parser.js';
import { findColumn, findValues } from './columns.js';
import { maxAbs, restThresholdOfMax } from './direction.js';
import { OriginalTimeColumn, type ColumnDescriptor } from './normalise-plan.js';
import { NormaliseStream, type NormaliseCheckpoint, type NormalisedBlock } from './normalise-stream.js';

/** The whole-file facts a file's rows were normalised with: rows appended later may not change them. */
export interface NormaliseFacts {
  restThresholdA: number;
  maxAbsCurrentA: number;
  /** Input columns holding at least one value. */
  present: string[];
  /** The parsed (input) columns, in order. */
  columns: ColumnDescriptor[];
  /** The parser's own warnings (before normalisation adds its own). */
  parserWarnings: ParseWarning[];
}

/**
 * normalise(), through a NormaliseStream so that it also gives a checkpoint before the last (open)
 * cycle: rows appended to the file later are normalised from there (src/ingest/append/). The same
 * columns and values as normalise() (normalise-stream.test.ts); costs a copy of the rows.
 */
export function normaliseCheckpointed(raw: ParseResult, fileName: string): { result: ParseResult; checkpoint: NormaliseCheckpoint; facts: NormaliseFacts } {
  const maxAbsCurrentA = maxAbs(findColumn(raw, CanonicalColumn.Current)?.values ?? new Float64Array(0));
  const facts: NormaliseFacts = {
    restThresholdA: restThresholdOfMax(maxAbsCurrentA),
    maxAbsCurrentA,
    present: raw.columns.filter((c) => findValues(raw, c.name)).map((c) => c.name),
    columns: raw.columns.map(({ values: _values, ...descriptor }) => descriptor),
    parserWarnings: raw.warnings,
  };
  const stream = new NormaliseStream({
    format: raw.format, fileName, counters: raw.counters, columns: facts.columns, restThresholdA: facts.restThresholdA, present: new Set(facts.present), warnings: raw.warnings,
  });
  const blocks = [stream.push(raw.columns.map((c) => c.values))];
  const checkpoint = stream.checkpoint();
  blocks.push(stream.finish());
  return {
    result: { ...raw, columns: joinBlocks(blocks, stream.timeResets > 0), warnings: stream.warnings, counters: { capacity: 'per-cycle', energy: 'per-cycle' } },
    checkpoint,
    facts,
  };
}

/** Blocks of a stream as whole columns ('Test Time (original) / s' only when time went backwards). */
export function joinBlocks(blocks: readonly (NormalisedBlock | null)[], keepOriginalTime: boolean): ParsedColumn[] {
  const present = blocks.filter((b): b is NormalisedBlock => b !== null);
  if (present.length === 0) return [];
  return present[0].columns
    .map((c, k) => (present.length === 1 ? c : { ...c, values: concatValues(present.map((b) => b.columns[k].values)) }))
    .filter((c) => keepOriginalTime || c.name !== OriginalTimeColumn);
}
