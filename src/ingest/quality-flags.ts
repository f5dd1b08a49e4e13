import { CanonicalColumn } from '../domain/canonical-columns.js';
import type { ParseResult } from '../parsers/cycler-parser.js';

export type QualityFlagCode = 'time_backwards' | 'time_gap' | 'duplicate_records' | 'counter_reset' | 'voltage_out_of_window' | 'nan_run';

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

/** A gap is a time step this many times the median step, and at least GAP_MIN_S seconds. */
const GAP_FACTOR = 100;
const GAP_MIN_S = 300;
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
};

/** Data-quality flags of a normalised series, for the whole file and per derived cycle. */
export function computeQualityFlags(result: ParseResult, window: VoltageWindow = { minV: null, maxV: null }): { flags: QualityFlag[]; perCycle: CycleQualityFlags } {
  const col = (name: string) => result.columns.find((c) => c.name === name)?.values;
  const time = col(CanonicalColumn.TestTime);
  const voltage = col(CanonicalColumn.Voltage);
  const current = col(CanonicalColumn.Current);
  const cycle = col(CanonicalColumn.CycleCount);
  const step = col(CanonicalColumn.StepCount);
  const found = new Map<QualityFlagCode, QualityFlag>();
  const perCycle: CycleQualityFlags = new Map();
  const hit = (code: QualityFlagCode, row: number) => {
    const c = cycle && Number.isFinite(cycle[row]) ? cycle[row] : 0;
    let flag = found.get(code);
    if (!flag) found.set(code, (flag = { code, message: messages[code], count: 0, firstRow: row, cycles: [] }));
    flag.count++;
    if (flag.cycles[flag.cycles.length - 1] !== c) flag.cycles.push(c);
    const counts = perCycle.get(c) ?? {};
    counts[code] = (counts[code] ?? 0) + 1;
    perCycle.set(c, counts);
  };
  const rows = result.rows;
  if (time) {
    const gap = Math.max(GAP_MIN_S, GAP_FACTOR * medianStep(time));
    for (let i = 1; i < rows; i++) {
      const dt = time[i] - time[i - 1];
      if (dt < 0) hit('time_backwards', i);
      else if (dt > gap) hit('time_gap', i);
      else if (dt === 0 && voltage && current && voltage[i] === voltage[i - 1] && current[i] === current[i - 1]) hit('duplicate_records', i);
    }
  }
  for (const name of [CanonicalColumn.ChargingCapacity, CanonicalColumn.DischargingCapacity]) {
    const q = col(name);
    if (!q) continue;
    for (let i = 1; i < rows; i++) {
      const sameStep = !step || step[i] === step[i - 1];
      if (sameStep && q[i] < q[i - 1] - 1e-9 * Math.max(1, Math.abs(q[i - 1]))) hit('counter_reset', i);
    }
  }
  if (voltage && (window.minV !== null || window.maxV !== null)) {
    const lo = window.minV === null ? -Infinity : window.minV - WINDOW_TOLERANCE_V;
    const hi = window.maxV === null ? Infinity : window.maxV + WINDOW_TOLERANCE_V;
    for (let i = 0; i < rows; i++) if (voltage[i] < lo || voltage[i] > hi) hit('voltage_out_of_window', i);
  }
  for (const values of [time, voltage, current]) {
    if (!values) continue;
    let run = 0;
    for (let i = 0; i <= rows; i++) {
      if (i < rows && Number.isNaN(values[i])) run++;
      else {
        if (run >= NAN_RUN_MIN) hit('nan_run', i - run);
        run = 0;
      }
    }
  }
  return { flags: [...found.values()].sort((a, b) => a.firstRow - b.firstRow), perCycle };
}

// Median of positive time steps over an evenly spaced sample of up to 10 000 rows (cheap on 10 M rows).
function medianStep(time: Float64Array): number {
  const stride = Math.max(1, Math.floor(time.length / 10_000));
  const steps: number[] = [];
  for (let i = stride; i < time.length; i += stride) {
    const dt = time[i] - time[i - 1];
    if (dt > 0) steps.push(dt);
  }
  if (steps.length === 0) return 0;
  steps.sort((a, b) => a - b);
  return steps[steps.length >> 1];
}
