import { CanonicalColumn as C } from '../domain/canonical-columns.js';

/** What joining needs of one file's stored series: its edges (NaN where the file has no such column). */
export interface SeriesEdges {
  firstTimeS: number;
  lastTimeS: number;
  firstUnixS: number;
  lastUnixS: number;
  firstCycle: number;
  lastCycle: number;
  firstVendorCycle: number;
  lastVendorCycle: number;
  firstStep: number;
  lastStep: number;
  /** First and last value of each accumulating column (capacities, energies) present in the file. */
  firstAccumulated: Record<string, number>;
  lastAccumulated: Record<string, number>;
}

/** Adds `add` to `column`; with `throughCycle`, only on rows whose stored cycle is ≤ it. */
export interface ColumnShift {
  column: string;
  add: number;
  throughCycle?: number;
}

/** How one file of a chain is placed in the joined series. */
export interface ChainPlacement {
  timeOffsetS: number;
  cycleOffset: number;
  stepOffset: number;
  /** The file's first cycle continues the previous file's last (open) cycle: one cycle, not two. */
  mergesOpenCycle: boolean;
  shifts: ColumnShift[];
}

/** Columns that accumulate within a cycle (reset at each cycle start, ARCHITECTURE: canonical columns). */
export const PER_CYCLE_COLUMNS: readonly string[] = [C.ChargingCapacity, C.DischargingCapacity, C.ChargingEnergy, C.DischargingEnergy];

/** Every accumulating column: the per-cycle ones and the net capacity, counted from the start of the test. */
export const ACCUMULATED_COLUMNS: readonly string[] = [...PER_CYCLE_COLUMNS, C.NetCapacity];

const known = (x: number) => Number.isFinite(x);

/**
 * Places each file of a chain after the one before it. Test time: a file whose clock restarted
 * starts where the previous one ended plus the wall-clock pause between them (Unix time of the
 * last and first rows, when both files have it; else no pause); a file whose clock already
 * continues (first time ≥ the previous last) keeps its own. Cycles and steps continue from the
 * previous file's last numbers. When both files carry the vendor's cycle number and the new file
 * starts in the cycle the previous one ended in, that open cycle continues: it keeps the previous
 * number, and its capacities and energies go on from the previous file's last values unless the
 * new file's already do (its first value ≥ the previous last). Net capacity counts from the start
 * of the test: each file's goes on from the previous file's last joined value.
 */
export function placeChain(edges: readonly SeriesEdges[]): ChainPlacement[] {
  const out: ChainPlacement[] = [];
  edges.forEach((e, k) => {
    if (k === 0) {
      out.push({ timeOffsetS: 0, cycleOffset: 0, stepOffset: 0, mergesOpenCycle: false, shifts: [] });
      return;
    }
    const p = edges[k - 1];
    const prev = out[k - 1];
    const pauseS = known(p.lastUnixS) && known(e.firstUnixS) ? Math.max(0, e.firstUnixS - p.lastUnixS) : 0;
    const timeOffsetS = e.firstTimeS >= p.lastTimeS ? prev.timeOffsetS : prev.timeOffsetS + p.lastTimeS + pauseS - e.firstTimeS;
    const mergesOpenCycle = known(p.lastVendorCycle) && p.lastVendorCycle === e.firstVendorCycle;
    const cycleOffset = prev.cycleOffset + p.lastCycle - e.firstCycle + (mergesOpenCycle ? 0 : 1);
    const stepOffset = prev.stepOffset + p.lastStep - e.firstStep + 1;
    const shifts: ColumnShift[] = [
      { column: C.TestTime, add: timeOffsetS },
      { column: C.CycleCount, add: cycleOffset },
      { column: C.StepCount, add: stepOffset },
    ];
    const joinedLast = (column: string) => p.lastAccumulated[column] + (prev.shifts.find((s) => s.column === column && (s.throughCycle ?? Infinity) >= p.lastCycle)?.add ?? 0);
    if (mergesOpenCycle) {
      for (const column of PER_CYCLE_COLUMNS) {
        const restarted = e.firstAccumulated[column] < p.lastAccumulated[column];
        if (known(p.lastAccumulated[column]) && restarted) shifts.push({ column, add: joinedLast(column), throughCycle: e.firstCycle });
      }
    }
    if (known(p.lastAccumulated[C.NetCapacity]) && known(e.firstAccumulated[C.NetCapacity])) shifts.push({ column: C.NetCapacity, add: joinedLast(C.NetCapacity) });
    out.push({ timeOffsetS, cycleOffset, stepOffset, mergesOpenCycle, shifts: shifts.filter((s) => s.add !== 0 && known(s.add)) });
  });
  return out;
}

/** `values` with `shift` applied (a copy); `cycle` is the file's stored cycle column when the shift has `throughCycle`. */
export function shiftColumn(values: Float64Array, shift: ColumnShift | undefined, cycle?: Float64Array): Float64Array {
  const out = values.slice();
  if (!shift) return out;
  const limit = shift.throughCycle;
  for (let i = 0; i < out.length; i++) if (limit === undefined || (cycle !== undefined && cycle[i] <= limit)) out[i] += shift.add;
  return out;
}
