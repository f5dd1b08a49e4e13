import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { ParsedColumn, ParseResult, ParseWarning } from '../cycler-parser.js';
import { counterIncrementsOf, type CounterContext } from './canonical-counters.js';
import { derivedColumn, findColumn } from './columns.js';
import { accumulatePerCycleInPlace } from './counter-increments.js';

/**
 * The canonical capacity and energy columns: charge and discharge per derived cycle (≥ 0,
 * restarting at each cycle), plus Net Capacity from the start of the test when the parser gave none.
 */
export function canonicalCountersOf(result: ParseResult, ctx: CounterContext, cycle: Float64Array, warnings: ParseWarning[]): ParsedColumn[] {
  const cap = counterIncrementsOf(result, ctx, 'capacity', result.counters.capacity, warnings);
  const energy = counterIncrementsOf(result, ctx, 'energy', result.counters.energy, warnings);
  // The increments are this function's own arrays: summed in place into the output columns.
  const net = accumulatePerCycleInPlace(cap, cycle, !findColumn(result, CanonicalColumn.NetCapacity));
  accumulatePerCycleInPlace(energy, cycle, false);
  const out = [
    derivedColumn(CanonicalColumn.ChargingCapacity, 'Ah', cap.charge),
    derivedColumn(CanonicalColumn.DischargingCapacity, 'Ah', cap.discharge),
    derivedColumn(CanonicalColumn.ChargingEnergy, 'Wh', energy.charge),
    derivedColumn(CanonicalColumn.DischargingEnergy, 'Wh', energy.discharge),
  ];
  if (net) out.push(derivedColumn(CanonicalColumn.NetCapacity, 'Ah', net));
  return out;
}
