import { CanonicalColumn, temperatureChannelName } from '../../domain/canonical-columns.js';
import { StepType } from '../../domain/step-types.js';
import type { ParsedColumn, ParseResult, ParseWarning } from '../cycler-parser.js';
import { toParsedColumn } from '../common/parsed-column.js';
import type { MprColumn } from './mpr-data-module.js';

/** EC-Lab header → canonical column, in order of preference where several map to one. */
const canonicalByHeader: [string, string][] = [
  ['time/s', CanonicalColumn.TestTime],
  ['Ewe/V', CanonicalColumn.Voltage],
  ['<Ewe>/V', CanonicalColumn.Voltage],
  ['Ecell/V', CanonicalColumn.Voltage],
  ['I/mA', CanonicalColumn.Current],
  ['<I>/mA', CanonicalColumn.Current],
  ['(Q-Qo)/mA.h', CanonicalColumn.NetCapacity],
  ['P/W', CanonicalColumn.Power],
  ['cycle number', CanonicalColumn.CycleVendor],
  ['Ns', CanonicalColumn.StepIndex],
  ['step time/s', CanonicalColumn.StepTime],
  ['Temperature/°C', temperatureChannelName(1)],
  ['Rdc/Ohm', CanonicalColumn.InternalResistance],
  // EC-Lab's own energy counters: preferred to V·I integrated over the rows (sparse rows, gaps).
  ['Energy charge/W.h', CanonicalColumn.ChargingEnergy],
  ['Energy discharge/W.h', CanonicalColumn.DischargingEnergy],
];

const unitless = new Set(['mode', 'ox/red', 'error', 'control changes', 'Ns changes', 'counter inc.', 'Ns', 'I Range', 'cycle number', 'half cycle', 'z cycle', 'Acir/Dcir Control']);

/** 'Q charge/discharge/mA.h' → ['Q charge/discharge', 'mA.h']; flags and counters have no unit. */
export function splitMprHeader(header: string): { name: string; unit: string | null } {
  if (unitless.has(header)) return { name: header, unit: null };
  const i = header.lastIndexOf('/');
  return i > 0 ? { name: header.slice(0, i), unit: header.slice(i + 1) } : { name: header, unit: null };
}

/** Step type from the flags: mode 1 = CC, 2 = CV, 3 = rest; ox/red 1 = oxidation (charge). */
function stepTypes(mode: Float64Array, oxRed: Float64Array): Float64Array {
  const out = new Float64Array(mode.length);
  for (let i = 0; i < mode.length; i++) {
    const ox = oxRed[i] === 1;
    out[i] = mode[i] === 3 ? StepType.Rest : mode[i] === 1 ? (ox ? StepType.CCCharge : StepType.CCDischarge) : mode[i] === 2 ? (ox ? StepType.CVCharge : StepType.CVDischarge) : StepType.Unknown;
  }
  return out;
}

/** Mean current (A) over each sampling interval from the charge increment dq (mA·h) since the previous row. */
function currentFromCharge(dqMAh: Float64Array, timeS: Float64Array): Float64Array {
  const out = new Float64Array(dqMAh.length);
  for (let i = 1; i < out.length; i++) {
    const dt = timeS[i] - timeS[i - 1];
    out[i] = dt > 0 ? (dqMAh[i] * 3.6) / dt : out[i - 1];
  }
  return out;
}

/**
 * 'Q charge/discharge' restarts every half cycle and is positive while charging (oxidation) and
 * negative while discharging: split into the two canonical counters.
 */
function splitHalfCycleCharge(q: Float64Array): { charge: Float64Array; discharge: Float64Array } {
  const charge = new Float64Array(q.length);
  const discharge = new Float64Array(q.length);
  for (let i = 0; i < q.length; i++) {
    const v = q[i] * 1e-3;
    charge[i] = v > 0 ? v : 0;
    discharge[i] = v < 0 ? -v : 0;
  }
  return { charge, discharge };
}

/**
 * ParsedColumns from .mpr columns. Current keeps BioLogic's sign (positive = oxidation at the
 * working electrode), which is positive on charge for full cells and positive-electrode half
 * cells; the rule is recorded in the metadata ('currentSign').
 */
export function toCanonicalMprColumns(columns: MprColumn[], warnings: ParseWarning[]): { columns: ParsedColumn[]; hasHalfCycleCounter: boolean; energy: ParseResult['counters']['energy'] } {
  const byHeader = new Map<string, MprColumn>();
  for (const c of columns) if (!byHeader.has(c.header)) byHeader.set(c.header, c);
  // First present header of each canonical target wins; the others keep their EC-Lab name.
  const canonicalOf = new Map<MprColumn, string>();
  const taken = new Set<string>();
  for (const [header, target] of canonicalByHeader) {
    const c = byHeader.get(header);
    if (c && !taken.has(target)) {
      canonicalOf.set(c, target);
      taken.add(target);
    }
  }
  const out: ParsedColumn[] = columns.map((c) => {
    const { unit } = splitMprHeader(c.header);
    const canonical = canonicalOf.get(c);
    return canonical ? toParsedColumn(c.values, c.header, unit, canonical, warnings) : { name: c.header, unit, originalName: c.header, originalUnit: unit, values: c.values };
  });
  const dq = byHeader.get('dq/mA.h') ?? byHeader.get('dQ/mA.h');
  const time = byHeader.get('time/s');
  if (!taken.has(CanonicalColumn.Current) && dq && time) {
    out.push({ name: CanonicalColumn.Current, unit: 'A', originalName: 'dq/mA.h per interval of time/s', originalUnit: 'mA.h', values: currentFromCharge(dq.values, time.values) });
    warnings.push({ code: 'CURRENT_DERIVED', message: 'the file records no current column: Current is the charge increment dq divided by the time step' });
  }
  // (Q-Qo) is a signed running total and its increments are exact whatever EC-Lab does with the
  // half-cycle counters (which do not reset across EIS or rest steps in every file, e.g. biol.mpr);
  // 'Q charge/discharge' is only split into the canonical counters when (Q-Qo) is absent.
  const q = taken.has(CanonicalColumn.NetCapacity) ? undefined : byHeader.get('Q charge/discharge/mA.h');
  if (q) {
    const { charge, discharge } = splitHalfCycleCharge(q.values);
    out.push({ name: CanonicalColumn.ChargingCapacity, unit: 'Ah', originalName: 'Q charge/discharge (positive part)', originalUnit: 'mA.h', values: charge });
    out.push({ name: CanonicalColumn.DischargingCapacity, unit: 'Ah', originalName: 'Q charge/discharge (negative part)', originalUnit: 'mA.h', values: discharge });
  }
  const mode = byHeader.get('mode');
  const oxRed = byHeader.get('ox/red');
  if (mode && oxRed) out.push({ name: CanonicalColumn.StepType, unit: '1', originalName: 'mode + ox/red', originalUnit: null, values: stepTypes(mode.values, oxRed.values) });
  // 'Energy charge' / 'Energy discharge' restart with the cycle or the half cycle depending on the
  // EC-Lab version; 'per-cycle' also takes any fall to under half the running value as a restart.
  const energy = taken.has(CanonicalColumn.ChargingEnergy) || taken.has(CanonicalColumn.DischargingEnergy) ? 'per-cycle' : 'none';
  return { columns: out, hasHalfCycleCounter: !!q, energy };
}
