import { CanonicalColumn } from '../domain/canonical-columns.js';
import type { ParsedColumn } from '../parsers/cycler-parser.js';

/** Counter and ∫I·dt may differ by this share of the larger before a cycle is flagged. */
export const CAPACITY_TOLERANCE = 0.02;
/**
 * Below this (Ah) a cycle's charge or discharge is not compared: a rest-only or few-row cycle where
 * counter rounding (files print 4–6 decimals) is larger than 2 % of the figure.
 */
const MIN_CHECKED_AH = 1e-4;

/** One cycle side whose capacity counter disagrees with the integral of its current. */
export interface CapacityMismatch {
  cycle: number;
  /** 0-based row of the cycle's first row. */
  row: number;
  side: 'charge' | 'discharge';
  counterAh: number;
  integratedAh: number;
}

/** What the check carries from one block of rows to the next (NaN: no row yet). */
export interface CapacityCheckState {
  cycle: number;
  cycleRow: number;
  step: number;
  prevTimeS: number;
  prevCurrentA: number;
  /** Charge, discharge: largest per-cycle counter value in the cycle so far, Ah. */
  counted: [number, number];
  /** Charge, discharge: the counters at the file's first row (charged before the file starts), Ah. */
  before: [number, number];
  /** Charge, discharge: trapezoid of the current within steps, Ah. */
  integrated: [number, number];
}

/** The normalised columns the check reads (per-cycle canonical counters, Ah). */
export interface CapacityCheckColumns {
  timeS: Float64Array;
  currentA: Float64Array;
  cycle: Float64Array;
  step: Float64Array;
  charge: Float64Array;
  discharge: Float64Array;
}

export function newCapacityCheckState(): CapacityCheckState {
  return { cycle: NaN, cycleRow: 0, step: NaN, prevTimeS: NaN, prevCurrentA: NaN, counted: [0, 0], before: [0, 0], integrated: [0, 0] };
}

/**
 * Whether the normalised columns' capacities come from the cycler's own counters (a '(vendor)'
 * copy, or a Net Capacity read from the file); integrated capacities need no cross-check.
 */
export function hasVendorCapacity(columns: readonly Pick<ParsedColumn, 'name' | 'originalUnit' | 'originalName'>[]): boolean {
  return columns.some((c) =>
    c.name === CanonicalColumn.ChargingCapacity.replace(' / ', ' (vendor) / ') ||
    c.name === CanonicalColumn.DischargingCapacity.replace(' / ', ' (vendor) / ') ||
    (c.name === CanonicalColumn.NetCapacity && c.originalName !== c.name));
}

/**
 * Adds normalised rows (`base`: 0-based index of the first) to the check: per derived cycle, what the
 * cycler's per-cycle counters grew by against ∫I·dt by trapezoid. Across a step change the current
 * jumps at an unknown moment between two rows, so there the counter's own growth is taken, capped at
 * the larger current times the interval (a counter that jumps by more, e.g. one wrongly read as reset
 * at the step, still disagrees). Charge counted before the file's first row is left out. Each finished
 * cycle that disagrees is reported.
 */
export function checkCapacityRows(state: CapacityCheckState, cols: CapacityCheckColumns, base: number, report: (m: CapacityMismatch) => void): void {
  const { timeS, currentA, cycle, step, charge, discharge } = cols;
  const { counted, integrated } = state;
  for (let i = 0; i < timeS.length; i++) {
    const newCycle = cycle[i] !== state.cycle;
    if (newCycle) {
      finishCapacityCycle(state, report);
      state.cycle = cycle[i];
      state.cycleRow = base + i;
      counted.fill(0);
      state.before.fill(0);
      integrated.fill(0);
    }
    const c = orZero(charge[i]);
    const d = orZero(discharge[i]);
    if (base + i === 0) {
      state.before[0] = counted[0] = c;
      state.before[1] = counted[1] = d;
    }
    const t = timeS[i];
    const a = currentA[i];
    const p = state.prevCurrentA;
    const dt = t - state.prevTimeS;
    if (dt > 0 && a === a && p === p) {
      const atStep = newCycle || step[i] !== state.step;
      integrated[0] += intervalAh(Math.max(p, 0), Math.max(a, 0), dt, atStep, c - counted[0]);
      integrated[1] += intervalAh(Math.max(-p, 0), Math.max(-a, 0), dt, atStep, d - counted[1]);
    }
    if (c > counted[0]) counted[0] = c;
    if (d > counted[1]) counted[1] = d;
    state.step = step[i];
    state.prevTimeS = t;
    state.prevCurrentA = a;
  }
}

/** One side's charge (Ah) between two rows with currents `x`, `y` (A, ≥ 0) `dtS` apart; `atStep`: the counter's growth, capped. */
function intervalAh(x: number, y: number, dtS: number, atStep: boolean, counterGrewAh: number): number {
  return atStep ? clamp(counterGrewAh, 0, (Math.max(x, y) * dtS) / 3600) : ((x + y) * 0.5 * dtS) / 3600;
}

/** Compares the open cycle (the last rows added) and reports it when it disagrees; the state stays usable. */
export function finishCapacityCycle(state: CapacityCheckState, report: (m: CapacityMismatch) => void): void {
  if (state.cycle !== state.cycle) return;
  (['charge', 'discharge'] as const).forEach((side, k) => {
    const counterAh = state.counted[k] - state.before[k];
    const integratedAh = state.integrated[k];
    const larger = Math.max(counterAh, integratedAh);
    if (larger >= MIN_CHECKED_AH && Math.abs(counterAh - integratedAh) > CAPACITY_TOLERANCE * larger) {
      report({ cycle: state.cycle, row: state.cycleRow, side, counterAh, integratedAh });
    }
  });
}

/** A flag message naming both figures. */
export function describeCapacityMismatch(m: CapacityMismatch): string {
  const apart = (100 * Math.abs(m.counterAh - m.integratedAh)) / Math.max(m.counterAh, m.integratedAh);
  return `Cycle ${m.cycle} ${m.side} capacity: the cycler's counter gives ${fmt(m.counterAh)} Ah but ∫I·dt of the current gives ${fmt(m.integratedAh)} Ah (${apart.toFixed(1)} % apart, over ${CAPACITY_TOLERANCE * 100} %)`;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const orZero = (v: number): number => (v === v ? v : 0);
const fmt = (ah: number): string => ah.toPrecision(4);
