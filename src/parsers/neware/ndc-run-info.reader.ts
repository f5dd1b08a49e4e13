import { Float64Builder } from '../binary/byte-view.js';
import { type NdcFile, forEachRecord, recordCapacity } from './ndc-pages.js';
import { countChanges } from './neware-status.js';

/** data_runInfo.ndc: time, counters and timestamps per record index (sparser than data.ndc). */
export interface NdcRunInfo {
  index: Float64Array;
  stepTimeS: Float64Array;
  dtS: Float64Array;
  chargeCapacityMAh: Float64Array;
  dischargeCapacityMAh: Float64Array;
  chargeEnergyMWh: Float64Array;
  dischargeEnergyMWh: Float64Array;
  unixTimeS: Float64Array;
  stepCount: Float64Array;
}

const layouts: Record<number, { footer: number; size: number; counterScale: number; recountSteps: boolean }> = {
  // Counters are mA·s in v11/16 (÷3600 → mAh) and Ah/Wh in v14/17 (×1000 → mAh/mWh).
  11: { footer: 16, size: 47, counterScale: 1 / 3600, recountSteps: true },
  14: { footer: 4, size: 55, counterScale: 1000, recountSteps: true },
  16: { footer: 64, size: 100, counterScale: 1 / 3600, recountSteps: false },
  17: { footer: 64, size: 100, counterScale: 1000, recountSteps: false },
};

/** Reads runInfo records of ndc v11/14/16/17; rows with index 0 are empty slots; a repeated index keeps its first row. */
export function readNdcRunInfo(ndc: NdcFile): NdcRunInfo | null {
  const l = layouts[ndc.version];
  if (!l) return null;
  const layout = { recordSize: l.size, pageHeader: 132, pageFooter: l.footer };
  const cap = recordCapacity(ndc, layout);
  const b = Array.from({ length: 9 }, () => new Float64Builder(cap));
  const [index, time, dt, chg, dchg, chgE, dchgE, unix, step] = b;
  const { view } = ndc;
  // Indices normally increase; the set is consulted only for the rare repeat or step back.
  const seen = new Set<number>();
  let last = 0;
  const s = l.counterScale;
  forEachRecord(ndc, layout, (p) => {
    const idx = view.getInt32(p + 41, true);
    if (idx === 0) return;
    if (idx <= last) {
      if (seen.size === 0) for (let k = 0; k < index.length; k++) seen.add(index.at(k));
      if (seen.has(idx)) return;
    }
    if (seen.size > 0) seen.add(idx);
    if (idx > last) last = idx;
    index.push(idx);
    // NewareNDA divides the ms counters in float32.
    time.push(Math.fround(view.getInt32(p, true) / 1000));
    dt.push(Math.fround(view.getInt32(p + 29, true) / 1000));
    chg.push(Math.fround(view.getFloat32(p + 5, true) * s));
    dchg.push(Math.fround(view.getFloat32(p + 9, true) * s));
    chgE.push(Math.fround(view.getFloat32(p + 13, true) * s));
    dchgE.push(Math.fround(view.getFloat32(p + 17, true) * s));
    unix.push(view.getInt32(p + 33, true) + view.getInt16(p + 45, true) / 1000);
    step.push(view.getInt32(p + 37, true));
  });
  const stepRaw = step.toArray();
  return {
    index: index.toArray(),
    stepTimeS: time.toArray(),
    dtS: dt.toArray(),
    chargeCapacityMAh: chg.toArray(),
    dischargeCapacityMAh: dchg.toArray(),
    chargeEnergyMWh: chgE.toArray(),
    dischargeEnergyMWh: dchgE.toArray(),
    unixTimeS: unix.toArray(),
    stepCount: l.recountSteps ? countChanges(stepRaw) : stepRaw,
  };
}
