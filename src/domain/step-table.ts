import { addToStats, emptyStats, finishStats, forEachRun, type CycleSeries } from './cycle-series.js';

/** One step segment (a run of equal Step Count). Capacity/energy are what the step moved, ≥ 0. */
export interface StepSummary {
  stepCount: number;
  cycle: number;
  /** The vendor's program step at the segment's first row (null when the file has none). */
  stepIndex: number | null;
  /** StepType code (domain/step-types.ts). */
  stepType: number;
  startTestTimeS: number;
  endTestTimeS: number;
  durationS: number;
  chargeCapacityAh: number;
  dischargeCapacityAh: number;
  chargeEnergyWh: number;
  dischargeEnergyWh: number;
  startVoltageV: number;
  endVoltageV: number;
  meanCurrentA: number | null;
  rowCount: number;
}

/** Per-step table of normalised series. */
export function summariseSteps(s: CycleSeries): StepSummary[] {
  const out: StepSummary[] = [];
  forEachRun(s.stepCount, (start, end) => {
    const current = emptyStats();
    for (let i = start; i < end; i++) addToStats(current, s.currentA[i]);
    const last = end - 1;
    // Counters run per cycle; a step's share is the growth over the step (from the row before it
    // when that row is in the same cycle).
    const base = (values: Float64Array): number => (start > 0 && s.cycle[start - 1] === s.cycle[start] ? values[start - 1] : 0);
    const moved = (values: Float64Array): number => Math.max(0, values[last] - base(values));
    out.push({
      stepCount: s.stepCount[start],
      cycle: s.cycle[start],
      stepIndex: s.stepIndex && s.stepIndex[start] === s.stepIndex[start] ? s.stepIndex[start] : null,
      stepType: s.stepType[start],
      startTestTimeS: s.testTimeS[start],
      endTestTimeS: s.testTimeS[last],
      durationS: s.testTimeS[last] - s.testTimeS[start],
      chargeCapacityAh: moved(s.chargeCapacityAh),
      dischargeCapacityAh: moved(s.dischargeCapacityAh),
      chargeEnergyWh: moved(s.chargeEnergyWh),
      dischargeEnergyWh: moved(s.dischargeEnergyWh),
      startVoltageV: s.voltageV[start],
      endVoltageV: s.voltageV[last],
      meanCurrentA: finishStats(current).mean,
      rowCount: end - start,
    });
  });
  return out;
}
