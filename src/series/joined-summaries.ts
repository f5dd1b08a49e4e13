import type { Db } from '../db/database.js';
import { CanonicalColumn as C } from '../domain/canonical-columns.js';
import { cycleThroughput } from '../domain/cycle-summary.js';
import type { StepSummary } from '../domain/step-table.js';
import type { JoinedPart } from './joined-series.js';
import type { SeriesEngine } from './series-engine.js';
import { readCycleSummaries, readStepSummaries, type CycleRow, type SummarySource } from './stored-summaries.js';

/** The source of a chain's summaries: 'stored' only when every file's were. */
const sourceOf = (sources: SummarySource[]): SummarySource => (sources.every((s) => s === 'stored') ? 'stored' : 'computed');

/**
 * Per-cycle summary of a joined chain: each file's own rows (stored at ingest, else computed),
 * cycle numbers and times moved as the joined series moves them, and an open cycle that the
 * next file continues folded into one row.
 */
export async function readJoinedCycles(db: Db, engine: SeriesEngine, parts: readonly JoinedPart[]): Promise<{ source: SummarySource; cycles: CycleRow[] }> {
  const read = await Promise.all(parts.map((p) => readCycleSummaries(db, engine, { id: p.file.id, seriesKey: p.file.seriesKey })));
  const cycles: CycleRow[] = [];
  parts.forEach((p, k) => {
    const moved = read[k].cycles.map((c) => ({ ...c, cycle: c.cycle + p.cycleOffset, startTestTimeS: c.startTestTimeS + p.timeOffsetS, endTestTimeS: c.endTestTimeS + p.timeOffsetS }));
    if (p.mergesOpenCycle && cycles.length > 0 && moved.length > 0) cycles.push(mergeCycles(cycles.pop()!, moved.shift()!, p));
    cycles.push(...moved);
  });
  return { source: sourceOf(read.map((r) => r.source)), cycles };
}

/** Step table of a joined chain: step counts, cycles and times continued (a step is never folded). */
export async function readJoinedSteps(db: Db, engine: SeriesEngine, parts: readonly JoinedPart[]): Promise<{ source: SummarySource; steps: StepSummary[] }> {
  const read = await Promise.all(parts.map((p) => readStepSummaries(db, engine, { id: p.file.id, seriesKey: p.file.seriesKey })));
  const steps = parts.flatMap((p, k) =>
    read[k].steps.map((s) => ({ ...s, stepCount: s.stepCount + p.stepOffset, cycle: s.cycle + p.cycleOffset, startTestTimeS: s.startTestTimeS + p.timeOffsetS, endTestTimeS: s.endTestTimeS + p.timeOffsetS })),
  );
  return { source: sourceOf(read.map((r) => r.source)), steps };
}

/** One cycle from its rows in two files; `next`'s capacities and energies go on from `a`'s (as the joined series does). */
function mergeCycles(a: CycleRow, b: CycleRow, next: JoinedPart): CycleRow {
  const carried = (column: string) => next.shifts.find((s) => s.column === column)?.add ?? 0;
  const chargeAh = Math.max(a.chargeCapacityAh, b.chargeCapacityAh + carried(C.ChargingCapacity));
  const dischargeAh = Math.max(a.dischargeCapacityAh, b.dischargeCapacityAh + carried(C.DischargingCapacity));
  const chargeWh = Math.max(a.chargeEnergyWh, b.chargeEnergyWh + carried(C.ChargingEnergy));
  const dischargeWh = Math.max(a.dischargeEnergyWh, b.dischargeEnergyWh + carried(C.DischargingEnergy));
  const rowCount = a.rowCount + b.rowCount;
  // Means weighted by rows: exact when neither part has missing readings.
  const mean = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : (x * a.rowCount + y * b.rowCount) / rowCount);
  const pick = (x: number | null, y: number | null, f: (p: number, q: number) => number) => (x === null ? y : y === null ? x : f(x, y));
  return {
    ...a,
    ...cycleThroughput(chargeAh, dischargeAh, chargeWh, dischargeWh),
    minVoltageV: pick(a.minVoltageV, b.minVoltageV, Math.min),
    maxVoltageV: pick(a.maxVoltageV, b.maxVoltageV, Math.max),
    meanVoltageV: mean(a.meanVoltageV, b.meanVoltageV),
    minTemperatureC: pick(a.minTemperatureC, b.minTemperatureC, Math.min),
    maxTemperatureC: pick(a.maxTemperatureC, b.maxTemperatureC, Math.max),
    meanTemperatureC: mean(a.meanTemperatureC, b.meanTemperatureC),
    internalResistanceOhm: mean(a.internalResistanceOhm, b.internalResistanceOhm),
    endTestTimeS: b.endTestTimeS,
    durationS: b.endTestTimeS - a.startTestTimeS,
    rowCount,
    qualityFlags: mergeFlags(a.qualityFlags, b.qualityFlags),
  };
}

function mergeFlags(a: unknown, b: unknown): unknown {
  const list = (x: unknown) => (Array.isArray(x) ? (x as { code: string; count: number }[]) : []);
  const counts = new Map<string, number>();
  for (const f of [...list(a), ...list(b)]) counts.set(f.code, (counts.get(f.code) ?? 0) + f.count);
  return a === undefined && b === undefined ? undefined : [...counts].map(([code, count]) => ({ code, count }));
}
