import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { CounterMode, ParseWarning } from '../cycler-parser.js';
import { counterIncrements, integrateIncrements, signedIncrements, type PreviousRate, type PreviousSample, type ResetPoints } from './counter-increments.js';

/** A signed net energy counter (+ on charge), the energy twin of 'Net Capacity / Ah' for 'signed-net' parsers. */
export const NetEnergyColumn = 'Net Energy / Wh';

/** Row structure the counter conversion needs, for the rows at hand. */
export interface CounterContext {
  timeS: Float64Array;
  currentA: Float64Array;
  voltageV: Float64Array;
  /** 1 where the original time went backwards. */
  resume: Uint8Array;
  /** 1 at the first row of each step segment (Step Count change). */
  stepStart: Uint8Array;
  /** 1 where the vendor's step index changed (undefined when the file has none). */
  stepIndexChange?: Uint8Array;
  /** 1 where the vendor's cycle number changed (undefined when the file has none). */
  vendorCycleChange?: Uint8Array;
  /** 1 where the current direction flipped between charge and discharge. */
  halfCycleStart: Uint8Array;
}

export interface Increments {
  charge: Float64Array;
  discharge: Float64Array;
}

export type Quantity = 'capacity' | 'energy';

/** Where one quantity's increments come from; decided once per file from the columns that hold values. */
export type CounterSource =
  | { kind: 'signed-net'; net: number }
  | { kind: 'counters'; mode: Exclude<CounterMode, 'signed-net' | 'none'>; charge?: number; discharge?: number }
  | { kind: 'integrated'; quantity: Quantity };

/** What counterIncrementsOf carries from one stretch of rows to the next. */
export interface CounterIncrementsState {
  charge: PreviousSample;
  discharge: PreviousSample;
  net: PreviousSample;
  rate: PreviousRate;
}

export function newCounterIncrementsState(): CounterIncrementsState {
  return { charge: { value: NaN }, discharge: { value: NaN }, net: { value: NaN }, rate: { rate: NaN, timeS: NaN, dtS: NaN } };
}

const columnsOf: Record<Quantity, { charge: string; discharge: string; net: string }> = {
  capacity: { charge: CanonicalColumn.ChargingCapacity, discharge: CanonicalColumn.DischargingCapacity, net: CanonicalColumn.NetCapacity },
  energy: { charge: CanonicalColumn.ChargingEnergy, discharge: CanonicalColumn.DischargingEnergy, net: NetEnergyColumn },
};

/**
 * The source of a quantity's increments for counters in `mode`, given `find` (the input column of
 * that name when it holds a value anywhere in the file). Falls back to integrating current (or V·I)
 * over time, with a warning, when the columns the mode needs are missing.
 */
export function planCounterSource(quantity: Quantity, mode: CounterMode, find: (name: string) => number | undefined, warnings: ParseWarning[]): CounterSource {
  const cols = columnsOf[quantity];
  if (mode === 'signed-net') {
    const net = find(cols.net);
    if (net !== undefined) return { kind: 'signed-net', net };
  } else if (mode !== 'none') {
    const charge = find(cols.charge);
    const discharge = find(cols.discharge);
    if (charge !== undefined || discharge !== undefined) return { kind: 'counters', mode, charge, discharge };
  }
  if (mode !== 'none') {
    warnings.push({ code: 'COUNTERS_MISSING', message: `${quantity} counters declared '${mode}' but absent; integrated from current and voltage instead` });
  }
  return { kind: 'integrated', quantity };
}

/** Per-row charge and discharge increments (Ah or Wh, ≥ 0) from `source` (column indices into `inputs`). */
export function counterIncrementsOf(source: CounterSource, inputs: readonly Float64Array[], ctx: CounterContext, state: CounterIncrementsState = newCounterIncrementsState()): Increments {
  switch (source.kind) {
    case 'signed-net':
      return signedIncrements(inputs[source.net], ctx.stepStart, ctx.resume, state.net);
    case 'counters': {
      const resets = resetPointsOf(source.mode, ctx);
      const n = ctx.timeS.length;
      return {
        charge: source.charge !== undefined ? counterIncrements(inputs[source.charge], resets, state.charge) : new Float64Array(n),
        discharge: source.discharge !== undefined ? counterIncrements(inputs[source.discharge], resets, state.discharge) : new Float64Array(n),
      };
    }
    case 'integrated':
      // Energy only within a step (V jumps with I at a step change); capacity also across the
      // change, where the current steps at a row (both: never across a gap, see integrateIncrements).
      return source.quantity === 'capacity'
        ? integrateIncrements(ctx.currentA, ctx.timeS, ctx.resume, state.rate)
        : integrateIncrements(powerOf(ctx), ctx.timeS, orFlags(ctx.stepStart, ctx.resume), state.rate);
  }
}

function resetPointsOf(mode: Exclude<CounterMode, 'signed-net' | 'none'>, ctx: CounterContext): ResetPoints {
  switch (mode) {
    case 'per-cycle':
      return { boundary: orFlags(ctx.vendorCycleChange, ctx.resume), always: false, firstCounts: true };
    case 'per-step':
      return ctx.stepIndexChange
        ? { boundary: orFlags(ctx.stepIndexChange, ctx.resume), always: true, firstCounts: true }
        : { boundary: orFlags(ctx.stepStart, ctx.resume), always: false, firstCounts: true };
    case 'per-half-cycle':
      return { boundary: orFlags(ctx.halfCycleStart, ctx.resume), always: true, firstCounts: true };
    case 'running-total':
      return { boundary: ctx.resume, always: false, firstCounts: false };
  }
}

function orFlags(a: Uint8Array | undefined, b: Uint8Array): Uint8Array {
  if (!a) return b;
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] | b[i];
  return out;
}

function powerOf(ctx: CounterContext): Float64Array {
  const n = ctx.currentA.length;
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) p[i] = ctx.currentA[i] * ctx.voltageV[i];
  return p;
}
