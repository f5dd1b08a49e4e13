import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { CounterMode, ParseResult, ParseWarning } from '../cycler-parser.js';
import { findValues } from './columns.js';
import { counterIncrements, integrateIncrements, signedIncrements, type ResetPoints } from './counter-increments.js';

/** A signed net energy counter (+ on charge), the energy twin of 'Net Capacity / Ah' for 'signed-net' parsers. */
export const NetEnergyColumn = 'Net Energy / Wh';

/** Row structure the counter conversion needs, computed once by normalise(). */
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

type Quantity = 'capacity' | 'energy';

const columnsOf: Record<Quantity, { charge: string; discharge: string; net: string }> = {
  capacity: { charge: CanonicalColumn.ChargingCapacity, discharge: CanonicalColumn.DischargingCapacity, net: CanonicalColumn.NetCapacity },
  energy: { charge: CanonicalColumn.ChargingEnergy, discharge: CanonicalColumn.DischargingEnergy, net: NetEnergyColumn },
};

/**
 * Per-row charge and discharge increments (Ah or Wh, ≥ 0) from the vendor's counters in `mode`.
 * Falls back to integrating current (or V·I) over time, with a warning, when the columns the
 * mode needs are missing.
 */
export function counterIncrementsOf(result: ParseResult, ctx: CounterContext, quantity: Quantity, mode: CounterMode, warnings: ParseWarning[]): Increments {
  const cols = columnsOf[quantity];
  if (mode === 'signed-net') {
    const net = findValues(result, cols.net);
    if (net) return signedIncrements(net, ctx.stepStart, ctx.resume);
  } else if (mode !== 'none') {
    const charge = findValues(result, cols.charge);
    const discharge = findValues(result, cols.discharge);
    if (charge || discharge) {
      const resets = resetPointsOf(mode, ctx);
      return {
        charge: charge ? counterIncrements(charge, resets) : new Float64Array(ctx.timeS.length),
        discharge: discharge ? counterIncrements(discharge, resets) : new Float64Array(ctx.timeS.length),
      };
    }
  }
  if (mode !== 'none') {
    warnings.push({ code: 'COUNTERS_MISSING', message: `${quantity} counters declared '${mode}' but absent; integrated from current and voltage instead` });
  }
  return integrateIncrements(quantity === 'capacity' ? ctx.currentA : powerOf(ctx), ctx.timeS, ctx.resume);
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
