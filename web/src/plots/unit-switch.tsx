import type { CapacityUnit } from './cycles.api.js';

const UNITS: { value: CapacityUnit; label: string }[] = [
  { value: 'Ah', label: 'Ah' },
  { value: 'mAh', label: 'mAh' },
  { value: 'mAh/g', label: 'mAh/g' },
  { value: 'mAh/cm2', label: 'mAh/cm²' },
];

/** A capacity unit as written on axes and legends ('mAh/cm2' → 'mAh/cm²'). */
export const capacityUnitLabel = (u: CapacityUnit): string => UNITS.find((x) => x.value === u)?.label ?? u;

/** Ah / mAh / mAh/g / mAh/cm² as a radio group (keyboard: arrow keys). */
export function UnitSwitch({ unit, onChange }: { unit: CapacityUnit; onChange(u: CapacityUnit): void }) {
  return (
    <fieldset className="segmented" aria-label="Capacity unit">
      {UNITS.map((u) => (
        <label key={u.value}>
          <input type="radio" name="capacity-unit" value={u.value} checked={unit === u.value} onChange={() => onChange(u.value)} />
          <span>{u.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
