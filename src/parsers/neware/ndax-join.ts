import type { NdcRunInfo } from './ndc-run-info.reader.js';
import type { NdcSteps } from './ndc-step.reader.js';
import type { NdcVoltageCurrent } from './ndc-data.reader.js';
import type { NewareRecords } from './neware-records.js';
import { rowNumbers } from '../binary/byte-view.js';

/** Counts of rows the join had to fill in (see joinNdcTables). */
export interface JoinStats {
  interpolatedRows: number;
}

/**
 * Joins data.ndc (voltage, current; index = position) with runInfo (time, counters, timestamp by
 * index) and step (cycle, step index, status by step count). Records without runInfo are filled
 * as NewareNDA does, so the output matches its reference: time and timestamp continue by the last
 * known dt, capacity and energy by integrating current (and power) over that dt, step forward-filled.
 */
export function joinNdcTables(data: NdcVoltageCurrent, run: NdcRunInfo, steps: NdcSteps | null): { records: NewareRecords; stats: JoinStats } {
  const n = data.voltageV.length;
  const runRow = new Int32Array(n + 1).fill(-1);
  for (let k = 0; k < run.index.length; k++) {
    const idx = run.index[k];
    if (idx >= 1 && idx <= n) runRow[idx] = k;
  }
  const mk = (): Float64Array => new Float64Array(n);
  const [time, chg, dchg, chgE, dchgE, unix, stepCount] = [mk(), mk(), mk(), mk(), mk(), mk(), mk()];
  let interpolated = 0;
  // Forward-filled state from the last runInfo row, plus sums accumulated since it.
  let have = false;
  let dt = NaN, t0 = 0, u0 = 0, q1 = 0, q2 = 0, e1 = 0, e2 = 0, step = NaN;
  let cdt = 0, cq = 0, ce = 0;
  for (let i = 0; i < n; i++) {
    const k = runRow[i + 1];
    const current = data.currentMA[i];
    if (k >= 0) {
      have = true;
      dt = run.dtS[k];
      t0 = run.stepTimeS[k];
      u0 = run.unixTimeS[k];
      q1 = Math.abs(run.chargeCapacityMAh[k]);
      q2 = Math.abs(run.dischargeCapacityMAh[k]);
      e1 = Math.abs(run.chargeEnergyMWh[k]);
      e2 = Math.abs(run.dischargeEnergyMWh[k]);
      step = run.stepCount[k];
      cdt = cq = ce = 0;
      time[i] = t0; unix[i] = u0; chg[i] = q1; dchg[i] = q2; chgE[i] = e1; dchgE[i] = e2; stepCount[i] = step;
      continue;
    }
    if (!have) {
      time[i] = unix[i] = chg[i] = dchg[i] = chgE[i] = dchgE[i] = stepCount[i] = NaN;
      continue;
    }
    interpolated++;
    cdt += dt;
    cq += (dt * current) / 3600;
    ce += (dt * data.voltageV[i] * current) / 3600;
    time[i] = t0 + cdt;
    unix[i] = u0 + cdt;
    chg[i] = q1 + Math.max(cq, 0);
    dchg[i] = q2 - Math.min(cq, 0);
    chgE[i] = e1 + Math.max(ce, 0);
    dchgE[i] = e2 - Math.min(ce, 0);
    stepCount[i] = step;
  }
  const cycle = mk().fill(NaN);
  const stepIndex = mk().fill(NaN);
  const status = mk().fill(NaN);
  if (steps) {
    // Step counts are 1..rows (row numbers or counted changes), so the lookup stays bounded.
    const byStep = new Int32Array(steps.stepCount.length + 1).fill(-1);
    for (let k = 0; k < steps.stepCount.length; k++) {
      const s = steps.stepCount[k];
      if (s >= 0 && s < byStep.length && byStep[s] < 0) byStep[s] = k;
    }
    for (let i = 0; i < n; i++) {
      const s = stepCount[i];
      const k = s >= 0 && s < byStep.length ? byStep[s] : -1;
      if (k < 0) continue;
      cycle[i] = steps.cycle[k];
      stepIndex[i] = steps.stepIndex[k];
      status[i] = steps.status[k];
    }
  }
  const index = rowNumbers(n);
  return {
    stats: { interpolatedRows: interpolated },
    records: {
      index,
      cycleStored: steps ? cycle : undefined,
      stepIndex,
      stepKey: stepCount,
      status,
      stepTimeS: time,
      voltageV: data.voltageV,
      currentMA: data.currentMA,
      chargeCapacityMAh: chg,
      dischargeCapacityMAh: dchg,
      chargeEnergyMWh: chgE,
      dischargeEnergyMWh: dchgE,
      unixTimeS: unix,
      aux: [],
    },
  };
}
