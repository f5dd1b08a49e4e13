import { CanonicalColumn, temperatureChannelName } from '../../domain/canonical-columns.js';
import { StepType, type StepTypeCode } from '../../domain/step-types.js';
import { headerKey } from '../common/header-columns.js';
import { namedFieldReader } from '../common/table-reader.js';

const stepTypeByText: Record<string, StepTypeCode> = {
  rest: StepType.Rest,
  pause: StepType.Rest,
  ccchg: StepType.CCCharge,
  ccdchg: StepType.CCDischarge,
  cvchg: StepType.CVCharge,
  cvdchg: StepType.CVDischarge,
  cccvchg: StepType.CCCVCharge,
  cccvdchg: StepType.CCCVDischarge,
  cpchg: StepType.CPCharge,
  cpdchg: StepType.CPDischarge,
  cpcvchg: StepType.CCCVCharge,
  cpcvdchg: StepType.CCCVDischarge,
  crdchg: StepType.CRDischarge,
  pulse: StepType.Pulse,
  ocv: StepType.OpenCircuit,
  sim: StepType.Other,
  cycle: StepType.Other,
  control: StepType.Other,
};

/** StepType code of a BTSDA step-type text ('CC Chg', 'CCCV_DChg', 'Rest' ...); Unknown when not recognised. */
export function stepTypeOfNewareText(text: string): StepTypeCode {
  return stepTypeByText[text.toLowerCase().replace(/[\s_-]+/g, '')] ?? StepType.Unknown;
}

/** Reads a step-type text field as its StepType code. */
export const readNewareStepType = namedFieldReader({ id: 'neware-step-type' }, (bytes, start, end) => {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]);
  return stepTypeOfNewareText(s.trim());
});

/** What a BTSDA export column becomes: canonical name, or a value kind that needs a reader. */
export interface NewareTextColumn {
  canonical: string | null;
  kind: 'number' | 'duration' | 'date' | 'stepType';
  /** Unit to assume when the header gives none (or '?' for a lost degree sign). */
  unit?: string;
}

/**
 * BTSDA column names (record CSV, layered CSV, BTS 7 Excel 'Detail' sheet) → canonical columns.
 * Keys are header names without the unit, lower case without blanks/underscores.
 */
const byName: Record<string, NewareTextColumn> = {
  datapoint: { canonical: CanonicalColumn.RecordIndex, kind: 'number' },
  recordindex: { canonical: CanonicalColumn.RecordIndex, kind: 'number' },
  cycleindex: { canonical: CanonicalColumn.CycleVendor, kind: 'number' },
  cycle: { canonical: CanonicalColumn.CycleVendor, kind: 'number' },
  stepindex: { canonical: CanonicalColumn.StepIndex, kind: 'number' },
  // BTS 7 Excel 'Detail' sheets: 'Step' is the running step number ('Raw Step ID' is the program step).
  step: { canonical: CanonicalColumn.StepCount, kind: 'number' },
  steptype: { canonical: CanonicalColumn.StepType, kind: 'stepType' },
  status: { canonical: CanonicalColumn.StepType, kind: 'stepType' },
  time: { canonical: CanonicalColumn.StepTime, kind: 'duration', unit: 's' },
  relativetime: { canonical: CanonicalColumn.StepTime, kind: 'duration', unit: 's' },
  cumulativetime: { canonical: CanonicalColumn.TestTime, kind: 'duration', unit: 's' },
  totaltime: { canonical: CanonicalColumn.TestTime, kind: 'duration', unit: 's' },
  current: { canonical: CanonicalColumn.Current, kind: 'number' },
  cur: { canonical: CanonicalColumn.Current, kind: 'number' },
  voltage: { canonical: CanonicalColumn.Voltage, kind: 'number' },
  'chg.cap.': { canonical: CanonicalColumn.ChargingCapacity, kind: 'number' },
  'dchg.cap.': { canonical: CanonicalColumn.DischargingCapacity, kind: 'number' },
  'chg.energy': { canonical: CanonicalColumn.ChargingEnergy, kind: 'number' },
  'dchg.energy': { canonical: CanonicalColumn.DischargingEnergy, kind: 'number' },
  date: { canonical: CanonicalColumn.UnixTime, kind: 'date' },
  absolutetime: { canonical: CanonicalColumn.UnixTime, kind: 'date' },
  realtime: { canonical: CanonicalColumn.UnixTime, kind: 'date' },
  power: { canonical: CanonicalColumn.Power, kind: 'number' },
};

/** The mapping of one BTSDA header (name part, unit part as split from 'Name(unit)'). */
export function newareTextColumn(name: string, unit: string | null): NewareTextColumn {
  const key = headerKey(name);
  const known = byName[key];
  if (known) return known;
  const t = /^t(\d+)$/.exec(key);
  if (t) return { canonical: temperatureChannelName(Number(t[1])), kind: 'number', unit: unit === '?' || unit === null ? 'degC' : undefined };
  const v = /^v(\d+)$/.exec(key);
  if (v) return { canonical: `Aux Voltage V${v[1]} / V`, kind: 'number' };
  // Text columns (switch states ...) read leniently as NaN and are dropped.
  return { canonical: null, kind: 'number' };
}

/** True for a charging step type. */
export function isChargeType(t: number): boolean {
  return t === StepType.CCCharge || t === StepType.CVCharge || t === StepType.CCCVCharge || t === StepType.CPCharge;
}

/** Splits one unsigned per-step counter into charge and discharge parts by step type (current sign when unknown). */
export function splitByDirection(values: Float64Array, stepType: Float64Array | undefined, current: Float64Array | undefined): { charge: Float64Array; discharge: Float64Array } {
  const charge = new Float64Array(values.length);
  const discharge = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const t = stepType ? stepType[i] : StepType.Unknown;
    const v = Math.abs(values[i]);
    const isCharge = t !== StepType.Unknown && t !== StepType.Other ? isChargeType(t) : (current?.[i] ?? 0) > 0;
    const isRest = t === StepType.Rest || t === StepType.OpenCircuit;
    if (isRest) continue;
    if (isCharge) charge[i] = v;
    else discharge[i] = v;
  }
  return { charge, discharge };
}
