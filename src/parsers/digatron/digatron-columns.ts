import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { headerKey } from '../common/header-columns.js';

/** Digatron BTS-600 channel names, English (DATTES) and German (RWTH ageing data set) → canonical. UNVERIFIED. */
export const digatronNames: Record<string, string> = {
  progtime: CanonicalColumn.TestTime,
  programmdauer: CanonicalColumn.TestTime,
  steptime: CanonicalColumn.StepTime,
  schrittdauer: CanonicalColumn.StepTime,
  voltage: CanonicalColumn.Voltage,
  spannung: CanonicalColumn.Voltage,
  current: CanonicalColumn.Current,
  strom: CanonicalColumn.Current,
  step: CanonicalColumn.StepIndex,
  schritt: CanonicalColumn.StepIndex,
  cycle: CanonicalColumn.CycleVendor,
  zyklus: CanonicalColumn.CycleVendor,
  ahaccu: CanonicalColumn.NetCapacity,
  ahakku: CanonicalColumn.NetCapacity,
  capacity: CanonicalColumn.NetCapacity,
  energie: 'Net Energy / Wh',
  energy: 'Net Energy / Wh',
  zeit: CanonicalColumn.UnixTime,
  temperature: CanonicalColumn.SurfaceTemperature,
  temperatur: CanonicalColumn.SurfaceTemperature,
};

/** Canonical name of a Digatron channel, or null. */
export function canonicalOfDigatron(name: string): string | null {
  return digatronNames[headerKey(name)] ?? null;
}

/** True for the variable-name line: it names a test-time channel and a voltage channel. */
export function isDigatronHeader(text: string): boolean {
  const cells = text.split(/[;,\t]/).map((c) => headerKey(c.replace(/"/g, '')));
  return cells.some((c) => c === 'progtime' || c === 'programmdauer') && cells.some((c) => c === 'voltage' || c === 'spannung');
}
