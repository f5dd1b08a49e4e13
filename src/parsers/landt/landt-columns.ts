import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { headerKey } from '../common/header-columns.js';

/** What a Landt header cell holds. 'capacity'/'energy' are unsigned per-step values split by current sign. */
export type LandtField = { canonical: string; kind: 'number' | 'duration' | 'date' } | { canonical: 'capacity' | 'energy'; kind: 'number' };

const byKey: Record<string, LandtField> = {
  record: { canonical: CanonicalColumn.RecordIndex, kind: 'number' },
  index: { canonical: CanonicalColumn.RecordIndex, kind: 'number' },
  testtime: { canonical: CanonicalColumn.TestTime, kind: 'duration' },
  steptime: { canonical: CanonicalColumn.StepTime, kind: 'duration' },
  systime: { canonical: CanonicalColumn.UnixTime, kind: 'date' },
  realtime: { canonical: CanonicalColumn.UnixTime, kind: 'date' },
  voltage: { canonical: CanonicalColumn.Voltage, kind: 'number' },
  current: { canonical: CanonicalColumn.Current, kind: 'number' },
  capacity: { canonical: 'capacity', kind: 'number' },
  energy: { canonical: 'energy', kind: 'number' },
  cycle: { canonical: CanonicalColumn.CycleVendor, kind: 'number' },
  step: { canonical: CanonicalColumn.StepIndex, kind: 'number' },
  temperature: { canonical: CanonicalColumn.SurfaceTemperature, kind: 'number' },
};

/** Splits 'Voltage/V', 'Current_A', 'Capacity(mAh)', 'SysTime (yyyy-mm-dd ...)' into name and unit. */
export function splitLandtHeader(text: string): { key: string; unit: string | null } {
  const m = /^([A-Za-z ]+?)\s*(?:[/_]\s*([A-Za-z°µ.]+)|\(([^)]*)\))?\s*$/.exec(text.trim());
  if (!m) return { key: headerKey(text), unit: null };
  return { key: headerKey(m[1]), unit: m[2] ?? (m[3] && !/[yYdH]/.test(m[3]) ? m[3] : null) };
}

export function landtFieldOf(key: string): LandtField | undefined {
  return byKey[key];
}
