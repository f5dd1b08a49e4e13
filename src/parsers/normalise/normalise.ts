import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { ParseError, type ParseResult } from '../cycler-parser.js';
import { findColumn, findValues } from './columns.js';
import { restThresholdA } from './direction.js';
import { planNormalise } from './normalise-plan.js';
import { deriveCycles, newNormaliseState, normaliseRows, normaliseWarnings, outputColumns } from './normalise-rows.js';

export interface NormaliseOptions {
  /** Rest threshold (A); default restThresholdA() of the result's current. */
  restThresholdA?: number;
}

/**
 * Turns a parser's output into the canonical form: Record Index, a non-decreasing Test Time,
 * derived Cycle Count / Step Count / Step Type, and charge/discharge capacity and energy that
 * restart at every derived cycle, whatever the vendor's counter semantics. Pure; the input's
 * column arrays are not modified. NormaliseStream (normalise-stream.ts) gives the same values
 * batch by batch.
 */
export function normalise(result: ParseResult, fileName: string, opts: NormaliseOptions = {}): ParseResult {
  const n = result.rows;
  for (const c of result.columns) {
    if (c.values.length !== n) throw new ParseError({ format: result.format, fileName, message: `column '${c.name}' has ${c.values.length} values for ${n} rows` });
  }
  const present = new Set(result.columns.filter((c) => findValues(result, c.name)).map((c) => c.name));
  const plan = planNormalise({
    format: result.format, fileName, columns: result.columns, present, counters: result.counters,
    restThresholdA: opts.restThresholdA ?? restThresholdA(findColumn(result, CanonicalColumn.Current)?.values ?? new Float64Array(0)),
  });
  const state = newNormaliseState();
  const inputs = result.columns.map((c) => c.values);
  const derived = normaliseRows(plan, state, inputs, deriveCycles(plan, state, inputs));
  return {
    ...result,
    columns: outputColumns(plan, inputs, derived, state.time.resets > 0, false),
    warnings: normaliseWarnings(plan, state, result.warnings),
    counters: { capacity: 'per-cycle', energy: 'per-cycle' },
  };
}
