import { CanonicalColumn } from '../domain/canonical-columns.js';
import { GAP_FACTOR, GAP_MIN_S } from '../domain/time-gap.js';
import { TimeStepSampler } from '../domain/time-step-sampler.js';
import type { ParseResult } from '../parsers/cycler-parser.js';
import { checkCapacityRows, describeCapacityMismatch, finishCapacityCycle, hasVendorCapacity, newCapacityCheckState, type CapacityCheckState, type CapacityMismatch } from './capacity-cross-check.js';

export type QualityFlagCode = 'time_backwards' | 'time_gap' | 'duplicate_records' | 'counter_reset' | 'voltage_out_of_window' | 'nan_run' | 'capacity_mismatch';

/** One kind of problem found in a data file: how often, where first (0-based row), in which cycles. */
export interface QualityFlag {
  code: QualityFlagCode;
  message: string;
  count: number;
  firstRow: number;
  cycles: number[];
}

/** A cycle's share of the flags: code → number of occurrences in that cycle. */
export type CycleQualityFlags = Map<number, Partial<Record<QualityFlagCode, number>>>;

/** The device's allowed voltage window (from its specification), when known. */
export interface VoltageWindow {
  minV: number | null;
  maxV: number | null;
}

/** This many consecutive missing values in a key column make a NaN run. */
const NAN_RUN_MIN = 10;
/** Voltage tolerance around the specification window (instrument noise), V. */
const WINDOW_TOLERANCE_V = 0.01;

const messages: Record<QualityFlagCode, string> = {
  time_backwards: 'Test time goes backwards',
  time_gap: `Gap in test time (over ${GAP_FACTOR}× the median sampling interval and ${GAP_MIN_S} s)`,
  duplicate_records: 'Record repeated (same time, voltage and current as the row before)',
  counter_reset: 'Capacity counter falls inside a step (reset in an odd place)',
  voltage_out_of_window: 'Voltage outside the specification window',
  nan_run: `Run of ${NAN_RUN_MIN} or more missing values in time, voltage or current`,
  capacity_mismatch: 'Capacity counter and the integral of the current disagree',
};

/** Data-quality flags of a normalised series, for the whole file and per derived cycle. */
export function computeQualityFlags(
  result: Pick<ParseResult, 'columns' | 'rows'>, window: VoltageWindow = { minV: null, maxV: null },
): { flags: QualityFlag[]; perCycle: CycleQualityFlags; snapshot: QualityScanSnapshot; medianTimeStepS: number } {
  const steps = new TimeStepSampler();
  const time = result.columns.find((c) => c.name === CanonicalColumn.TestTime)?.values;
  if (time) steps.add(time);
  const medianTimeStepS = steps.median();
  const scan = new QualityScan(window, medianTimeStepS);
  scan.add(result);
  const snapshot = scan.snapshot();
  return { ...scan.result(), snapshot, medianTimeStepS };
}

const NAN_RUN_COLUMNS = [CanonicalColumn.TestTime, CanonicalColumn.Voltage, CanonicalColumn.Current];
const COUNTER_COLUMNS = [CanonicalColumn.ChargingCapacity, CanonicalColumn.DischargingCapacity];

/** A QualityScan's position, to go on with rows appended later. */
export interface QualityScanSnapshot {
  offset: number;
  prevTime: number;
  prevVoltage: number;
  prevCurrent: number;
  prevStep: number;
  prevCounter: number[];
  runs: { length: number; cycle: number }[];
  /** Optional: snapshots stored before the capacity cross-check existed lack it. */
  capacity?: CapacityCheckState;
}

/**
 * Flags of the rows before an append and of the rows after it, as one scan over all would give them
 * (per cycle: code → count; in the file: counts added, first row and cycles joined).
 */
export function mergeQualityFlags(before: readonly QualityFlag[], after: readonly QualityFlag[]): QualityFlag[] {
  const merged = new Map(before.map((f) => [f.code, { ...f, cycles: [...f.cycles] }]));
  for (const f of after) {
    const old = merged.get(f.code);
    if (!old) merged.set(f.code, { ...f, cycles: [...f.cycles] });
    else merged.set(f.code, { ...old, count: old.count + f.count, cycles: [...new Set([...old.cycles, ...f.cycles])] });
  }
  return [...merged.values()].sort((a, b) => a.firstRow - b.firstRow);
}

/**
 * The flags of a series seen in consecutive blocks (all with the same columns), as if it were one:
 * the rows before a block's first are remembered. `medianTimeStepS` sets the gap size.
 */
export class QualityScan {
  private readonly found = new Map<QualityFlagCode, QualityFlag>();
  private readonly perCycle: CycleQualityFlags = new Map();
  private readonly gap: number;
  private offset = 0;
  private prevTime = NaN;
  private prevVoltage = NaN;
  private prevCurrent = NaN;
  private prevStep = NaN;
  private readonly prevCounter = COUNTER_COLUMNS.map(() => NaN);
  /** Per NAN_RUN_COLUMNS entry: length of the missing run reaching the last row seen, and its first row's cycle. */
  private readonly runs = NAN_RUN_COLUMNS.map(() => ({ length: 0, cycle: 0 }));
  private capacity = newCapacityCheckState();

  constructor(private readonly window: VoltageWindow, medianTimeStepS: number) {
    this.gap = Math.max(GAP_MIN_S, GAP_FACTOR * medianTimeStepS);
  }

  /** Where the scan stands (before result()): the rows seen and what the next row is compared with. */
  snapshot(): QualityScanSnapshot {
    return structuredClone({ offset: this.offset, prevTime: this.prevTime, prevVoltage: this.prevVoltage, prevCurrent: this.prevCurrent, prevStep: this.prevStep, prevCounter: this.prevCounter, runs: this.runs, capacity: this.capacity });
  }

  /** A scan that goes on from a snapshot: its result has the flags of the rows added after it only. */
  static resume(window: VoltageWindow, medianTimeStepS: number, from: QualityScanSnapshot): QualityScan {
    const scan = new QualityScan(window, medianTimeStepS);
    const copy = structuredClone(from);
    Object.assign(scan, { offset: copy.offset, prevTime: copy.prevTime, prevVoltage: copy.prevVoltage, prevCurrent: copy.prevCurrent, prevStep: copy.prevStep });
    copy.prevCounter.forEach((v, k) => (scan.prevCounter[k] = v));
    copy.runs.forEach((r, k) => Object.assign(scan.runs[k], r));
    if (copy.capacity) scan.capacity = copy.capacity;
    return scan;
  }

  add(block: Pick<ParseResult, 'columns' | 'rows'>): void {
    const col = (name: string) => block.columns.find((c) => c.name === name)?.values;
    const time = col(CanonicalColumn.TestTime);
    const voltage = col(CanonicalColumn.Voltage);
    const current = col(CanonicalColumn.Current);
    const cycle = col(CanonicalColumn.CycleCount);
    const step = col(CanonicalColumn.StepCount);
    const rows = block.rows;
    const base = this.offset;
    const cycleAt = (i: number) => (cycle && Number.isFinite(cycle[i]) ? cycle[i] : 0);
    if (time) {
      let prevT = this.prevTime;
      let prevV = this.prevVoltage;
      let prevI = this.prevCurrent;
      for (let i = 0; i < rows; i++) {
        const t = time[i];
        const v = voltage ? voltage[i] : NaN;
        const c = current ? current[i] : NaN;
        if (base + i > 0) {
          const dt = t - prevT;
          if (dt < 0) this.hit('time_backwards', base + i, cycleAt(i));
          else if (dt > this.gap) this.hit('time_gap', base + i, cycleAt(i));
          else if (dt === 0 && voltage && current && v === prevV && c === prevI) this.hit('duplicate_records', base + i, cycleAt(i));
        }
        prevT = t;
        prevV = v;
        prevI = c;
      }
    }
    if (rows > 0) {
      this.prevTime = time ? time[rows - 1] : NaN;
      this.prevVoltage = voltage ? voltage[rows - 1] : NaN;
      this.prevCurrent = current ? current[rows - 1] : NaN;
    }
    COUNTER_COLUMNS.forEach((name, k) => {
      const q = col(name);
      if (!q) return;
      let prevQ = this.prevCounter[k];
      let prevStep = this.prevStep;
      for (let i = 0; i < rows; i++) {
        const sameStep = !step || step[i] === prevStep;
        if (base + i > 0 && sameStep && q[i] < prevQ - 1e-9 * Math.max(1, Math.abs(prevQ))) this.hit('counter_reset', base + i, cycleAt(i));
        prevQ = q[i];
        if (step) prevStep = step[i];
      }
      if (rows > 0) this.prevCounter[k] = q[rows - 1];
    });
    if (step && rows > 0) this.prevStep = step[rows - 1];
    const { minV, maxV } = this.window;
    if (voltage && (minV !== null || maxV !== null)) {
      const lo = minV === null ? -Infinity : minV - WINDOW_TOLERANCE_V;
      const hi = maxV === null ? Infinity : maxV + WINDOW_TOLERANCE_V;
      for (let i = 0; i < rows; i++) if (voltage[i] < lo || voltage[i] > hi) this.hit('voltage_out_of_window', base + i, cycleAt(i));
    }
    NAN_RUN_COLUMNS.forEach((name, k) => {
      const values = col(name);
      if (!values) return;
      const run = this.runs[k];
      for (let i = 0; i < rows; i++) {
        if (Number.isNaN(values[i])) {
          if (run.length++ === 0) run.cycle = cycleAt(i);
        } else this.endRun(k, base + i);
      }
    });
    this.checkCapacity(block, base);
    this.offset += rows;
  }

  /** Only where the capacities come from the cycler's counters: integrated ones agree by construction. */
  private checkCapacity(block: Pick<ParseResult, 'columns' | 'rows'>, base: number): void {
    if (!hasVendorCapacity(block.columns)) return;
    const col = (name: string) => block.columns.find((c) => c.name === name)?.values;
    const [timeS, currentA, cycle, step, charge, discharge] = [CanonicalColumn.TestTime, CanonicalColumn.Current, CanonicalColumn.CycleCount, CanonicalColumn.StepCount, CanonicalColumn.ChargingCapacity, CanonicalColumn.DischargingCapacity].map(col);
    if (!timeS || !currentA || !cycle || !step || !charge || !discharge) return;
    checkCapacityRows(this.capacity, { timeS, currentA, cycle, step, charge, discharge }, base, (m) => this.capacityHit(m));
  }

  private capacityHit(m: CapacityMismatch): void {
    this.hit('capacity_mismatch', m.row, m.cycle, describeCapacityMismatch(m));
  }

  /** The flags of all rows added, sorted by first row. */
  result(): { flags: QualityFlag[]; perCycle: CycleQualityFlags } {
    NAN_RUN_COLUMNS.forEach((_, k) => this.endRun(k, this.offset));
    finishCapacityCycle(this.capacity, (m) => this.capacityHit(m));
    return { flags: [...this.found.values()].sort((a, b) => a.firstRow - b.firstRow), perCycle: this.perCycle };
  }

  private endRun(k: number, row: number): void {
    const run = this.runs[k];
    if (run.length >= NAN_RUN_MIN) this.hit('nan_run', row - run.length, run.cycle);
    run.length = 0;
  }

  /** `message`: the flag's, when this is its first occurrence (default: the code's). */
  private hit(code: QualityFlagCode, row: number, cycle: number, message = messages[code]): void {
    let flag = this.found.get(code);
    if (!flag) this.found.set(code, (flag = { code, message, count: 0, firstRow: row, cycles: [] }));
    flag.count++;
    if (flag.cycles[flag.cycles.length - 1] !== cycle) flag.cycles.push(cycle);
    const counts = this.perCycle.get(cycle) ?? {};
    counts[code] = (counts[code] ?? 0) + 1;
    this.perCycle.set(cycle, counts);
  }
}
