import { useCallback, useState } from 'react';
import type { CapacityUnit, CycleTable } from './cycles.api.js';

/** Below this largest capacity (Ah), a cell (coin and pouch lab cells) is shown in mAh until the user picks a unit. */
const SMALL_CELL_AH = 0.5;

/**
 * The capacity unit plots show: Ah, or mAh for small cells, until the user picks one. `adapt` is given the
 * tables just fetched in `shownIn`; true means the unit changed to mAh (the tables are fetched again).
 */
export function useCapacityUnit(): { unit: CapacityUnit; pick(u: CapacityUnit): void; adapt(tables: CycleTable[], shownIn: CapacityUnit): boolean } {
  const [unit, setUnit] = useState<CapacityUnit>('Ah');
  const [picked, setPicked] = useState(false);
  const pick = useCallback((u: CapacityUnit) => {
    setPicked(true);
    setUnit(u);
  }, []);
  const adapt = useCallback(
    (tables: CycleTable[], shownIn: CapacityUnit) => {
      if (picked || shownIn !== 'Ah' || !isSmallCell(tables)) return false;
      setUnit('mAh');
      return true;
    },
    [picked],
  );
  return { unit, pick, adapt };
}

function isSmallCell(tables: CycleTable[]): boolean {
  const largest = Math.max(0, ...tables.flatMap((t) => t.rows.flatMap((r) => [r.chargeCapacity ?? 0, r.dischargeCapacity ?? 0])));
  return largest > 0 && largest < SMALL_CELL_AH;
}
