/**
 * Normalisation batch by batch, for files too big to hold (src/parsers/stream/): the rows go in as
 * the parser reads them and come out as blocks of whole derived cycles, so that per-cycle and
 * per-step summaries can run on each block. Joined, the blocks are bit for bit the columns
 * normalise() gives for all the rows at once, whatever the batch sizes, given the two facts
 * normalise() takes from the whole file: the rest threshold (from the largest |current|) and which
 * columns hold a value at all (an empty vendor cycle column means cycles come from the current).
 * Both come from a first pass over the file.
 *
 * Differences from normalise():
 * - 'Test Time (original) / s', the raw time normalise() keeps only when time went backwards, is
 *   in every block (where normalise() would put it); the caller drops it when `timeResets` is 0
 *   (an input column already named so is then the caller's to keep: normalise() leaves it as read).
 * - Memory: the rows held (typed arrays that grow, never shrink) are the derived cycle in progress
 *   plus one batch, so at most the longest cycle plus a batch; a file that is one long cycle is
 *   held whole. Also held: leading rows without a time (normalise() gives them the first known
 *   time, so they wait for it; that keeps the values identical).
 *
 * The shared row functions (normalise-rows.ts) carry their state from block to block.
 */
import { ParseError, type ParsedColumn, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { planNormalise, type ColumnDescriptor, type NormalisePlan } from './normalise-plan.js';
import { deriveCycles, newNormaliseState, normaliseRows, normaliseWarnings, outputColumns, type NormaliseState } from './normalise-rows.js';

export interface NormaliseStreamOptions {
  format: string;
  fileName: string;
  counters: ParseResult['counters'];
  /** Column descriptors of every pushed batch, in order (name, unit, originalName, originalUnit) — same for all batches. */
  columns: ColumnDescriptor[];
  /** From a first pass over the whole file: restThresholdA(all current values). */
  restThresholdA: number;
  /** Names of the input columns that hold at least one finite value anywhere in the file. */
  present: ReadonlySet<string>;
  /** Initial warnings of the parse (copied into the result warnings like normalise does). */
  warnings?: ParseWarning[];
  /** Go on from a checkpoint() of a stream over the same file's first rows (rows appended since). */
  checkpoint?: NormaliseCheckpoint;
}

/**
 * A stream's state before finish(): the running state after the rows handed out, and the rows of the
 * cycle still open (read, cycle derived, not yet normalised). A stream made from it and given the rows
 * appended to the file since gives what one stream over the whole file would have from that cycle on.
 */
export interface NormaliseCheckpoint {
  state: NormaliseState;
  /** The open cycle's rows: one array per input column, and their direction and derived cycle. */
  inputs: Float64Array[];
  direction: Int8Array;
  cycle: Float64Array;
  lastCycleStart: number;
  firstTimeRow: number;
}

/** Normalised rows `firstRow` (0-based) to `firstRow + rows - 1`: whole derived cycles. */
export interface NormalisedBlock {
  firstRow: number;
  rows: number;
  columns: ParsedColumn[];
}

export class NormaliseStream {
  /** Output column descriptors, the same for every block ('Test Time (original) / s' included). */
  readonly columns: ColumnDescriptor[];
  private readonly plan: NormalisePlan;
  private readonly state: NormaliseState;
  private readonly parserWarnings: ParseWarning[];
  private readonly pending: PendingRows;
  /** Pending row where the last derived cycle starts (0: no complete cycle pending). */
  private lastCycleStart = 0;
  /** 0-based file row of the first known time (-1: none yet). */
  private firstTimeRow = -1;
  private done = false;

  constructor(private readonly opts: NormaliseStreamOptions) {
    this.plan = planNormalise(opts);
    this.state = opts.checkpoint ? structuredClone(opts.checkpoint.state) : newNormaliseState();
    this.columns = this.plan.outputs.map((s) => s.column);
    this.parserWarnings = [...(opts.warnings ?? [])];
    this.pending = new PendingRows(opts.columns.length);
    const from = opts.checkpoint;
    if (from) {
      if (from.inputs.length !== opts.columns.length) this.fail(`a checkpoint has ${from.inputs.length} columns for ${opts.columns.length}`);
      this.pending.append(from.inputs, from.direction, from.cycle);
      this.lastCycleStart = from.lastCycleStart;
      this.firstTimeRow = from.firstTimeRow;
    }
  }

  /** Pushes the next batch of raw parsed rows (values in the order of opts.columns). Returns the normalised rows now complete — whole derived cycles only — or null. */
  push(values: Float64Array[]): NormalisedBlock | null {
    if (this.done) throw new Error('NormaliseStream: push() after finish()');
    if (values.length !== this.opts.columns.length) this.fail(`a batch has ${values.length} columns for ${this.opts.columns.length}`);
    const n = values[0].length;
    for (let k = 0; k < values.length; k++) if (values[k].length !== n) this.fail(`column '${this.opts.columns[k].name}' has ${values[k].length} values for ${n} rows`);
    if (n === 0) return null;
    const from = this.pending.rows;
    const { direction, cycle } = deriveCycles(this.plan, this.state, values);
    this.pending.append(values, direction, cycle);
    this.lastCycleStart = lastCycleStart(this.pending.cycle, from, this.pending.rows, this.lastCycleStart);
    if (this.firstTimeRow < 0) this.firstTimeRow = firstFinite(values[this.plan.time.input], this.state.rows + from);
    // Rows before the first known time take that time: they wait until it is in the block.
    const cut = this.lastCycleStart;
    if (cut === 0 || this.firstTimeRow < 0 || this.firstTimeRow >= this.state.rows + cut) return null;
    return this.emit(cut);
  }

  /** Where this stream stands before finish(), to go on later with rows appended to the file (see NormaliseCheckpoint). */
  checkpoint(): NormaliseCheckpoint {
    if (this.done) throw new Error('NormaliseStream: checkpoint() after finish()');
    const rows = this.pending.rows;
    return {
      state: structuredClone(this.state),
      inputs: this.pending.inputs.map((v) => v.slice(0, rows)),
      direction: this.pending.direction.slice(0, rows),
      cycle: this.pending.cycle.slice(0, rows),
      lastCycleStart: this.lastCycleStart,
      firstTimeRow: this.firstTimeRow,
    };
  }

  /** All remaining rows (the last cycle). */
  finish(): NormalisedBlock | null {
    if (this.done) throw new Error('NormaliseStream: finish() called twice');
    this.done = true;
    return this.pending.rows > 0 ? this.emit(this.pending.rows) : null;
  }

  /** After finish(): the warnings normalise() would give (TIME_NOT_MONOTONIC with the first reset row, TIME_MISSING, COUNTERS_MISSING ...). */
  get warnings(): ParseWarning[] {
    this.assertFinished('warnings');
    return normaliseWarnings(this.plan, this.state, this.parserWarnings);
  }

  /** After finish(): how many times the original time went backwards (0 = the caller drops 'Test Time (original) / s'). */
  get timeResets(): number {
    this.assertFinished('timeResets');
    return this.state.time.resets;
  }

  private emit(rows: number): NormalisedBlock {
    const firstRow = this.state.rows;
    const inputs = this.pending.inputs.map((v) => v.subarray(0, rows));
    // The cycle column is handed out, so it is a copy; direction is only read.
    const derived = normaliseRows(this.plan, this.state, inputs, { direction: this.pending.direction.subarray(0, rows), cycle: this.pending.cycle.slice(0, rows) });
    const columns = outputColumns(this.plan, inputs, derived, true, true);
    this.pending.drop(rows);
    this.lastCycleStart = 0;
    return { firstRow, rows, columns };
  }

  private assertFinished(what: string): void {
    if (!this.done) throw new Error(`NormaliseStream: ${what} is known only after finish()`);
  }

  private fail(message: string): never {
    throw new ParseError({ format: this.opts.format, fileName: this.opts.fileName, message });
  }
}

/** The rows read but not yet normalised, in growable typed arrays (amortised copies only). */
class PendingRows {
  rows = 0;
  inputs: Float64Array[];
  direction: Int8Array;
  cycle: Float64Array;

  constructor(columns: number) {
    this.inputs = Array.from({ length: columns }, () => new Float64Array(0));
    this.direction = new Int8Array(0);
    this.cycle = new Float64Array(0);
  }

  append(values: readonly Float64Array[], direction: Int8Array, cycle: Float64Array): void {
    const need = this.rows + cycle.length;
    if (need > this.cycle.length) this.grow(Math.max(need, this.cycle.length * 2));
    for (let k = 0; k < values.length; k++) this.inputs[k].set(values[k], this.rows);
    this.direction.set(direction, this.rows);
    this.cycle.set(cycle, this.rows);
    this.rows = need;
  }

  /** Drops the first `rows` rows (moving the rest to the front). */
  drop(rows: number): void {
    for (const v of this.inputs) v.copyWithin(0, rows, this.rows);
    this.direction.copyWithin(0, rows, this.rows);
    this.cycle.copyWithin(0, rows, this.rows);
    this.rows -= rows;
  }

  private grow(capacity: number): void {
    this.inputs = this.inputs.map((v) => grown(v, new Float64Array(capacity), this.rows));
    this.direction = grown(this.direction, new Int8Array(capacity), this.rows);
    this.cycle = grown(this.cycle, new Float64Array(capacity), this.rows);
  }
}

function grown<T extends Float64Array | Int8Array>(from: T, to: T, rows: number): T {
  to.set(from.subarray(0, rows));
  return to;
}

/** Index of the first row of the last derived cycle in rows 0 to `to` - 1, scanning those appended from `from` on. */
function lastCycleStart(cycle: Float64Array, from: number, to: number, known: number): number {
  let start = known;
  for (let i = Math.max(1, from); i < to; i++) if (cycle[i] !== cycle[i - 1]) start = i;
  return start;
}

/** `offset` + the index of the first finite value, or -1. */
function firstFinite(values: Float64Array, offset: number): number {
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) return offset + i;
  return -1;
}
