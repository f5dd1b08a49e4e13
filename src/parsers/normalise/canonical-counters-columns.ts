import { CanonicalColumn } from '../../domain/canonical-columns.js';
import type { ParsedColumn, ParseResult, ParseWarning } from '../cycler-parser.js';
import { counterIncrementsOf, type CounterContext } from './canonical-counters.js';
import { derivedColumn, findColumn } from './columns.js';
import { accumulateNet, accumulatePerCycle } from './counter-increments.js';

/**
 * The canonical capacity and energy columns: charge and discharge per derived cycle (≥ 0,
 * restarting at each cycle), plus Net Capacity from the start of the test when the parser gave none.
 */
export function canonicalCountersOf(result: ParseResult, ctx: CounterContext, cycle: Float64Array, warnings: ParseWarning[]): ParsedColumn[] {
  const cap = counterIncrementsOf(result, ctx, 'capacity', result.counters.capacity, warnings);
  const energy = counterIncrementsOf(result, ctx, 'energy', result.counters.energy, warnings);
  const out = [
    derivedColumn(CanonicalColumn.ChargingCapacity, 'Ah', accumulatePerCycle(cap.charge, cycle)),
    derivedColumn(CanonicalColumn.DischargingCapacity, 'Ah', accumulatePerCycle(cap.discharge, cycle)),
    derivedColumn(CanonicalColumn.ChargingEnergy, 'Wh', accumulatePerCycle(energy.charge, cycle)),
    derivedColumn(CanonicalColumn.DischargingEnergy, 'Wh', accumulatePerCycle(energy.discharge, cycle)),
  ];
  if (!findColumn(result, CanonicalColumn.NetCapacity)) out.push(derivedColumn(CanonicalColumn.NetCapacity, 'Ah', accumulateNet(cap.charge, cap.discharge)));
  return out;
}
