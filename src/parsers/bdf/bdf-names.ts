import { CanonicalColumn } from '../../domain/canonical-columns.js';

/**
 * Battery Data Format quantity names (the part before ' / ') → our canonical column, with the
 * spellings seen in real BDF files ('Charge Capacity' in batmo_bdf.csv). BDF's own 'Cycle Count'
 * is the file's numbering, so it becomes our 'Cycle Vendor'; a file 'Step Count' without a
 * 'Step Index' serves as the step index.
 */
const quantities: Record<string, string> = {};
for (const name of Object.values(CanonicalColumn)) quantities[key(name.slice(0, name.lastIndexOf(' / ')))] = name;
const aliases: Record<string, string> = {
  'cycle count': CanonicalColumn.CycleVendor,
  'cycle index': CanonicalColumn.CycleVendor,
  'charge capacity': CanonicalColumn.ChargingCapacity,
  'discharge capacity': CanonicalColumn.DischargingCapacity,
  'charge energy': CanonicalColumn.ChargingEnergy,
  'discharge energy': CanonicalColumn.DischargingEnergy,
  'temperature': CanonicalColumn.SurfaceTemperature,
  'cell temperature': CanonicalColumn.SurfaceTemperature,
  'temperature t1': CanonicalColumn.SurfaceTemperature,
  'date time': CanonicalColumn.UnixTime,
};
Object.assign(quantities, aliases);
delete quantities[key('Cycle Count')];
quantities['cycle count'] = CanonicalColumn.CycleVendor;

function key(text: string): string {
  return text.trim().toLowerCase().replace(/[_\s]+/g, ' ');
}

/** Splits a BDF header 'Test Time / h' into quantity and unit; null when it has no ' / unit'. */
export function splitBdfHeader(header: string): { quantity: string; unit: string } | null {
  const i = header.lastIndexOf(' / ');
  if (i <= 0) return null;
  return { quantity: header.slice(0, i).trim(), unit: header.slice(i + 3).trim() };
}

/** Canonical column for a BDF quantity name, or null. */
export function canonicalOfBdfQuantity(quantity: string, hasStepIndex: boolean): string | null {
  const k = key(quantity);
  if (k === 'step count' && !hasStepIndex) return CanonicalColumn.StepIndex;
  if (k === 'step count') return null;
  return quantities[k] ?? null;
}
