import { StepType, type StepTypeCode } from '../../domain/step-types.js';

/** Neware status (step state) codes as stored in .nda/.ndc records (NewareNDA's state_dict). */
export const newareStatusLabel: Record<number, string> = {
  1: 'CC_Chg',
  2: 'CC_DChg',
  3: 'CV_Chg',
  4: 'Rest',
  5: 'Cycle',
  7: 'CCCV_Chg',
  8: 'CP_DChg',
  9: 'CP_Chg',
  10: 'CR_DChg',
  13: 'Pause',
  16: 'Pulse',
  17: 'SIM',
  19: 'CV_DChg',
  20: 'CCCV_DChg',
  21: 'Control',
  22: 'OCV',
  26: 'CPCV_DChg',
  27: 'CPCV_Chg',
};

const stepTypeByStatus: Record<number, StepTypeCode> = {
  1: StepType.CCCharge,
  2: StepType.CCDischarge,
  3: StepType.CVCharge,
  4: StepType.Rest,
  5: StepType.Other,
  7: StepType.CCCVCharge,
  8: StepType.CPDischarge,
  9: StepType.CPCharge,
  10: StepType.CRDischarge,
  13: StepType.Rest,
  16: StepType.Pulse,
  17: StepType.Other,
  19: StepType.CVDischarge,
  20: StepType.CCCVDischarge,
  21: StepType.Other,
  22: StepType.OpenCircuit,
  26: StepType.CCCVDischarge,
  27: StepType.CCCVCharge,
};

/** StepType code for a Neware status code (Unknown when the code is not in the table). */
export function stepTypeOfNewareStatus(status: number): StepTypeCode {
  return stepTypeByStatus[status] ?? StepType.Unknown;
}

function flags(codes: number[]): Uint8Array {
  const t = new Uint8Array(256);
  for (const c of codes) t[c] = 1;
  return t;
}
const chargeStarts = flags([1, 7, 9]); // CC_Chg, CCCV_Chg, CP_Chg
const dischargeStates = flags([2, 8, 10, 19, 20, 26]); // every '*_DChg' state
const hasDirection = flags([1, 2, 3, 7, 8, 9, 10, 19, 20, 26, 27]); // states named 'X_Chg'/'X_DChg'

/**
 * Neware's "charge first" software cycle number (NewareNDA cycle_mode 'chg', what BTSDA shows):
 * a new cycle starts at the first row of a CC/CCCV/CP charge state that follows a discharge.
 * SIM steps also arm the increment, as in NewareNDA.
 */
export function generateSoftwareCycle(status: Float64Array): Float64Array {
  const n = status.length;
  const out = new Float64Array(n);
  let cycle = 1;
  let armed = false;
  let prevInc = false;
  for (let i = 0; i < n; i++) {
    const s = status[i] & 0xff; // NaN (no step info) → 0, which is no state
    const isInc = chargeStarts[s] === 1;
    const incStart = i === 0 || (isInc && !prevInc);
    prevInc = isInc;
    if (hasDirection[s] === 1) {
      if (incStart && armed) {
        cycle++;
        armed = false;
      } else if (dischargeStates[s] === 1) {
        armed = true;
      }
    } else if (s === 17) {
      armed = true;
    }
    out[i] = cycle;
  }
  return out;
}

/** Running segment number: 1 at the first row, +1 whenever `key` changes. */
export function countChanges(key: Float64Array): Float64Array {
  const out = new Float64Array(key.length);
  let c = 0;
  for (let i = 0; i < key.length; i++) {
    if (i === 0 || key[i] !== key[i - 1]) c++;
    out[i] = c;
  }
  return out;
}
