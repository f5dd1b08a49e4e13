/** Step type codes stored in the 'Step Type / 1' column (numeric so the column stays a Float64Array). */
export const StepType = {
  Unknown: 0,
  Rest: 1,
  CCCharge: 2,
  CVCharge: 3,
  CCCVCharge: 4,
  CCDischarge: 5,
  CVDischarge: 6,
  CCCVDischarge: 7,
  CPCharge: 8,
  CPDischarge: 9,
  CRDischarge: 10,
  Pulse: 11,
  Impedance: 12,
  OpenCircuit: 13,
  Other: 14,
} as const;

export type StepTypeCode = (typeof StepType)[keyof typeof StepType];

export const StepTypeLabel: Record<StepTypeCode, string> = {
  0: 'unknown',
  1: 'rest',
  2: 'cc_charge',
  3: 'cv_charge',
  4: 'cccv_charge',
  5: 'cc_discharge',
  6: 'cv_discharge',
  7: 'cccv_discharge',
  8: 'cp_charge',
  9: 'cp_discharge',
  10: 'cr_discharge',
  11: 'pulse',
  12: 'impedance',
  13: 'ocv',
  14: 'other',
};

/** True for any charging step type. */
export function isChargeStep(t: number): boolean {
  return t === StepType.CCCharge || t === StepType.CVCharge || t === StepType.CCCVCharge || t === StepType.CPCharge;
}

/** True for any discharging step type. */
export function isDischargeStep(t: number): boolean {
  return t === StepType.CCDischarge || t === StepType.CVDischarge || t === StepType.CCCVDischarge || t === StepType.CPDischarge || t === StepType.CRDischarge;
}
