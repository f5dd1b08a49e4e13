import { StepType } from '../../domain/step-types.js';

/** Relative current spread below which a step is constant-current. */
const CC_CURRENT_SPREAD = 0.02;
/** Voltage spread (V) below which a step is constant-voltage. */
const CV_VOLTAGE_SPREAD_V = 0.01;

/**
 * Step type per row, derived per step segment from current and voltage:
 * rest when |I| stays under the rest threshold; charge / discharge by the sign of the mean
 * current; CC when the current stays within 2 % of its largest magnitude; CV when the voltage
 * stays within 10 mV while the current changes; CCCV when the first fifth is CC and the last
 * fifth is CV; anything else is 'other' (pulses, drive cycles, power steps ...).
 */
export function deriveStepTypes(stepCount: Float64Array, currentA: Float64Array, voltageV: Float64Array, restA: number): Float64Array {
  const n = stepCount.length;
  const out = new Float64Array(n);
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && stepCount[i] === stepCount[start]) continue;
    out.fill(classifySegment(currentA, voltageV, start, i, restA), start, i);
    start = i;
  }
  return out;
}

function classifySegment(currentA: Float64Array, voltageV: Float64Array, start: number, end: number, restA: number): number {
  let sum = 0;
  let count = 0;
  let maxAbs = 0;
  for (let i = start; i < end; i++) {
    const c = currentA[i];
    if (c !== c) continue;
    sum += c;
    count++;
    if (Math.abs(c) > maxAbs) maxAbs = Math.abs(c);
  }
  if (count === 0) return StepType.Unknown;
  if (maxAbs <= restA) return StepType.Rest;
  const charge = sum > 0;
  const len = end - start;
  if (isConstantCurrent(currentA, start, end, maxAbs)) return charge ? StepType.CCCharge : StepType.CCDischarge;
  if (isConstantVoltage(voltageV, start, end)) return charge ? StepType.CVCharge : StepType.CVDischarge;
  const fifth = Math.max(1, Math.floor(len / 5));
  if (len >= 10 && isConstantCurrent(currentA, start, start + fifth, maxAbs) && isConstantVoltage(voltageV, end - fifth, end)) {
    return charge ? StepType.CCCVCharge : StepType.CCCVDischarge;
  }
  return StepType.Other;
}

function isConstantCurrent(currentA: Float64Array, start: number, end: number, maxAbs: number): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = start; i < end; i++) {
    const c = currentA[i];
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  return hi - lo <= CC_CURRENT_SPREAD * maxAbs;
}

function isConstantVoltage(voltageV: Float64Array, start: number, end: number): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = start; i < end; i++) {
    const v = voltageV[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo <= CV_VOLTAGE_SPREAD_V;
}
