/**
 * The canonical time-series columns, named as in the Battery Data Format (BDF).
 * Every parser emits these names with these units; anything without a canonical
 * name keeps its original header. Values are Float64 (NaN = missing).
 */
export const CanonicalColumn = {
  RecordIndex: 'Record Index / 1',
  TestTime: 'Test Time / s',
  UnixTime: 'Unix Time / s',
  StepTime: 'Step Time / s',
  Voltage: 'Voltage / V',
  Current: 'Current / A',
  /** Vendor's own cycle number, as written in the file (may start at 0, skip, or repeat after a resume). */
  CycleVendor: 'Cycle Vendor / 1',
  /** Derived, consistent cycle index: starts at 1, never decreases. */
  CycleCount: 'Cycle Count / 1',
  /** Program step number from the schedule (may repeat). */
  StepIndex: 'Step Index / 1',
  /** Running segment counter: +1 every time the step changes. Starts at 1. */
  StepCount: 'Step Count / 1',
  /** StepType code, see domain/step-types.ts. */
  StepType: 'Step Type / 1',
  /** Charge passed into the cell since the start of the current derived cycle (≥ 0, non-decreasing within a cycle). */
  ChargingCapacity: 'Charging Capacity / Ah',
  /** Charge taken out since the start of the current derived cycle (≥ 0, non-decreasing within a cycle). */
  DischargingCapacity: 'Discharging Capacity / Ah',
  ChargingEnergy: 'Charging Energy / Wh',
  DischargingEnergy: 'Discharging Energy / Wh',
  /** Signed net charge since the start of the test, positive = charge. */
  NetCapacity: 'Net Capacity / Ah',
  Power: 'Power / W',
  AmbientTemperature: 'Ambient Temperature / degC',
  SurfaceTemperature: 'Surface Temperature / degC',
  InternalResistance: 'Internal Resistance / ohm',
} as const;

export type CanonicalColumnName = (typeof CanonicalColumn)[keyof typeof CanonicalColumn];

/** The unit part of a BDF name ('Voltage / V' → 'V'). */
export function unitOfColumnName(name: string): string | null {
  const i = name.lastIndexOf(' / ');
  return i < 0 ? null : name.slice(i + 3);
}

/** Columns that every successfully parsed data file must have. */
export const RequiredColumns: readonly CanonicalColumnName[] = [
  CanonicalColumn.TestTime,
  CanonicalColumn.Voltage,
  CanonicalColumn.Current,
];

/** Extra temperature channels are named 'Temperature T<n> / degC' (n ≥ 1). */
export function temperatureChannelName(n: number): string {
  return `Temperature T${n} / degC`;
}
