import type { ColumnDescriptor } from './normalise-plan.js';
import type { NormaliseState } from './normalise-rows.js';

/**
 * Where a normalisation stopped, so that rows appended to the file later can be normalised on their
 * own and come out as if the whole file had been normalised at once: the running state after the
 * last row, and the whole-file facts the rows were normalised with. An append that would change a
 * fact (a larger current moves the rest threshold, a column gets its first value) cannot resume.
 */
export interface NormaliseResume {
  /** Rows normalised (the next row's 0-based number). */
  rows: number;
  state: NormaliseState;
  restThresholdA: number;
  /** The largest |current| seen (the threshold is 0.1 % of it). */
  maxAbsCurrentA: number;
  /** Input columns holding at least one value. */
  present: string[];
  /** The parsed (input) columns, in order. */
  columns: ColumnDescriptor[];
  /** The normalised (output) column names, as stored. */
  outputs: string[];
}

/** JSON of a resume point: NaN and ±Infinity (common in the state: "none yet") survive the trip. */
export function encodeResume<T>(value: T): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v));
}

export function decodeResume<T>(json: string): T {
  return JSON.parse(json, (_key, v: unknown) => (v !== null && typeof v === 'object' && '$number' in v ? Number((v as { $number: string }).$number) : v)) as T;
}
