import { CanonicalColumn as C } from '../domain/canonical-columns.js';
import { StepType } from '../domain/step-types.js';
import { binnedDerivative } from './incremental-capacity.js';
import { selectM4Rows, type RowRange } from './m4.js';
import { loadColumns, type SeriesEngine, type SeriesHandle } from './series-engine.js';
import { cycleRanges } from './series-query.js';
import type { CachedColumn } from './column-cache.js';

/** Rows of one cycle that charge (current > 0) and that discharge (current < 0). */
export interface CycleSegments {
  cycle: number;
  charge: RowRange[];
  discharge: RowRange[];
}

/** Splits each chosen cycle into charging and discharging runs; `skipConstantVoltage` drops CV steps. */
export function splitCycles(cycleCount: Float64Array, currentA: Float64Array, stepType: Float64Array | null, cycles: readonly number[], skipConstantVoltage: boolean): CycleSegments[] {
  return cycleRanges(cycleCount, cycles).map((r) => {
    const charge: RowRange[] = [];
    const discharge: RowRange[] = [];
    let runStart = r.start;
    let runSign = 0;
    const close = (end: number) => {
      if (runSign > 0) charge.push({ start: runStart, end });
      if (runSign < 0) discharge.push({ start: runStart, end });
    };
    for (let i = r.start; i < r.end; i++) {
      const cv = skipConstantVoltage && stepType !== null && (stepType[i] === StepType.CVCharge || stepType[i] === StepType.CVDischarge);
      const sign = cv ? 0 : currentA[i] > 0 ? 1 : currentA[i] < 0 ? -1 : 0;
      if (sign !== runSign) {
        close(i);
        runStart = i;
        runSign = sign;
      }
    }
    close(r.end);
    return { cycle: cycleCount[r.start], charge, discharge };
  });
}

interface CurveColumns {
  cycle: CachedColumn;
  current: CachedColumn;
  voltage: CachedColumn;
  stepType: CachedColumn | null;
  chargeAh: CachedColumn;
  dischargeAh: CachedColumn;
}

async function loadCurveColumns(engine: SeriesEngine, handle: SeriesHandle): Promise<CurveColumns> {
  const [cycle, current, voltage, chargeAh, dischargeAh] = await loadColumns(engine, handle, [C.CycleCount, C.Current, C.Voltage, C.ChargingCapacity, C.DischargingCapacity]);
  const stepType = handle.columnNames.includes(C.StepType) ? (await loadColumns(engine, handle, [C.StepType]))[0] : null;
  return { cycle, current, voltage, stepType, chargeAh, dischargeAh };
}

export interface Curve {
  capacity: number[];
  voltageV: number[];
}

/** Voltage vs capacity (× capacityFactor) of each chosen cycle, charge and discharge, M4-reduced to ≤ maxPoints each. */
export async function voltageCapacityCurves(engine: SeriesEngine, handle: SeriesHandle, cycles: number[], maxPoints: number, capacityFactor: number): Promise<{ cycle: number; charge: Curve; discharge: Curve }[]> {
  const cols = await loadCurveColumns(engine, handle);
  const curve = (ranges: RowRange[], q: CachedColumn): Curve => {
    const total = ranges.reduce((n, r) => n + r.end - r.start, 0);
    let rows: ArrayLike<number>;
    if (total <= maxPoints) {
      rows = ranges.flatMap((r) => Array.from({ length: r.end - r.start }, (_, k) => r.start + k));
    } else {
      const fromQ = q.values[ranges[0].start];
      const toQ = q.values[ranges[ranges.length - 1].end - 1];
      // Capacity only grows within a cycle's charge (or discharge), so it can stand in for time.
      rows = selectM4Rows({ timeS: q.values, ys: [cols.voltage], ranges, buckets: Math.max(1, Math.floor(maxPoints / 4)), fromS: fromQ, toS: toQ > fromQ ? toQ : fromQ + 1e-12 });
    }
    return { capacity: Array.from(rows, (i) => q.values[i] * capacityFactor), voltageV: Array.from(rows, (i) => cols.voltage.values[i]) };
  };
  return splitCycles(cols.cycle.values, cols.current.values, cols.stepType?.values ?? null, cycles, false).map((s) => ({
    cycle: s.cycle,
    charge: curve(s.charge, cols.chargeAh),
    discharge: curve(s.discharge, cols.dischargeAh),
  }));
}

export interface DifferentialCurves {
  /** dQ/dV (capacity unit per V) at voltageV. Negative on discharge: capacity grows as voltage falls. */
  dqdv: { voltageV: number[]; dqdv: number[] };
  /** dV/dQ (V per capacity unit) at capacity. */
  dvdq: { capacity: number[]; dvdq: number[] };
}

/** dQ/dV and dV/dQ of each chosen cycle (constant-voltage steps left out), binned and Savitzky–Golay smoothed. */
export async function differentialCurves(engine: SeriesEngine, handle: SeriesHandle, cycles: number[], bins: number, halfWindow: number, capacityFactor: number): Promise<{ cycle: number; charge: DifferentialCurves; discharge: DifferentialCurves }[]> {
  const cols = await loadCurveColumns(engine, handle);
  const curves = (ranges: RowRange[], q: CachedColumn): DifferentialCurves => {
    const v: number[] = [];
    const qs: number[] = [];
    for (const r of ranges) {
      for (let i = r.start; i < r.end; i++) {
        v.push(cols.voltage.values[i]);
        qs.push(q.values[i] * capacityFactor);
      }
    }
    const a = binnedDerivative(v, qs, bins, halfWindow);
    const b = binnedDerivative(qs, v, bins, halfWindow);
    return { dqdv: { voltageV: Array.from(a.x), dqdv: Array.from(a.dydx) }, dvdq: { capacity: Array.from(b.x), dvdq: Array.from(b.dydx) } };
  };
  return splitCycles(cols.cycle.values, cols.current.values, cols.stepType?.values ?? null, cycles, true).map((s) => ({
    cycle: s.cycle,
    charge: curves(s.charge, cols.chargeAh),
    discharge: curves(s.discharge, cols.dischargeAh),
  }));
}
