import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { ParseResult, ParseWarning } from '../cycler-parser.js';
import { counterIncrementsOf, newCounterIncrementsState, planCounterSource, type CounterContext, type CounterIncrementsState, type CounterSource } from './canonical-counters.js';
import { accumulatePerCycleInPlace, newCycleSums, type CycleSums } from './counter-increments.js';

/** How the canonical counters are made for one file. */
export interface CanonicalCountersPlan {
  capacity: CounterSource;
  energy: CounterSource;
  /** The parser gave no 'Net Capacity / Ah': derive it from the capacity increments. */
  withNet: boolean;
}

/** The canonical capacity (Ah) and energy (Wh) columns of the rows at hand. */
export interface CanonicalCounters {
  chargingCapacity: Float64Array;
  dischargingCapacity: Float64Array;
  chargingEnergy: Float64Array;
  dischargingEnergy: Float64Array;
  /** Only with `withNet`. */
  netCapacity?: Float64Array;
}

/** What canonicalCountersOf carries from one stretch of rows to the next. */
export interface CanonicalCountersState {
  capacity: CounterIncrementsState;
  energy: CounterIncrementsState;
  capacitySums: CycleSums;
  energySums: CycleSums;
}

export function newCanonicalCountersState(): CanonicalCountersState {
  return { capacity: newCounterIncrementsState(), energy: newCounterIncrementsState(), capacitySums: newCycleSums(), energySums: newCycleSums() };
}

/**
 * Chooses the counter sources from the declared modes; `find` gives the input column of a name
 * that holds a value anywhere in the file, `has` one that merely exists. Warnings (counters
 * declared but absent) are added to `warnings`.
 */
export function planCanonicalCounters(
  modes: ParseResult['counters'], find: (name: string) => number | undefined, has: (name: string) => boolean, warnings: ParseWarning[],
): CanonicalCountersPlan {
  const capacity = planCounterSource('capacity', modes.capacity, find, warnings);
  const energy = planCounterSource('energy', modes.energy, find, warnings);
  return { capacity, energy, withNet: !has(CanonicalColumn.NetCapacity) };
}

/**
 * The canonical capacity and energy columns: charge and discharge per derived cycle (≥ 0,
 * restarting at each cycle), plus Net Capacity from the start of the test when the parser gave none.
 */
export function canonicalCountersOf(
  plan: CanonicalCountersPlan, inputs: readonly Float64Array[], ctx: CounterContext, cycle: Float64Array, state: CanonicalCountersState = newCanonicalCountersState(),
): CanonicalCounters {
  const cap = counterIncrementsOf(plan.capacity, inputs, ctx, state.capacity);
  const energy = counterIncrementsOf(plan.energy, inputs, ctx, state.energy);
  // The increments are this function's own arrays: summed in place into the output columns.
  const netCapacity = accumulatePerCycleInPlace(cap, cycle, plan.withNet, state.capacitySums);
  accumulatePerCycleInPlace(energy, cycle, false, state.energySums);
  return { chargingCapacity: cap.charge, dischargingCapacity: cap.discharge, chargingEnergy: energy.charge, dischargingEnergy: energy.discharge, netCapacity };
}
