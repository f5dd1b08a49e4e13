import { Float64Builder, rowNumbers } from '../binary/byte-view.js';
import { type NdcFile, forEachRecord, recordCapacity } from './ndc-pages.js';
import { countChanges } from './neware-status.js';

/** data_step.ndc: one row per executed step, joined to records on the step count. */
export interface NdcSteps {
  stepCount: Float64Array;
  cycle: Float64Array;
  stepIndex: Float64Array;
  status: Float64Array;
}

/** Reads step records of ndc v11/14 (37 bytes) and v16/17 (100 bytes). */
export function readNdcSteps(ndc: NdcFile): NdcSteps | null {
  const v = ndc.version;
  if (v !== 11 && v !== 14 && v !== 16 && v !== 17) return null;
  const wide = v >= 16;
  const layout = { recordSize: wide ? 100 : 37, pageHeader: 132, pageFooter: wide ? 64 : 5 };
  const cap = recordCapacity(ndc, layout);
  const cycle = new Float64Builder(cap);
  const stepIndex = new Float64Builder(cap);
  const status = new Float64Builder(cap);
  const { view, bytes } = ndc;
  forEachRecord(ndc, layout, (p) => {
    const si = view.getInt32(p + 4, true);
    // v16 keeps rows by its record index field, the others by a non-zero step index.
    if (v === 16 ? view.getInt32(p + 33, true) === 0 : si === 0) return;
    cycle.push(view.getInt32(p, true) + 1);
    stepIndex.push(si);
    status.push(bytes[p + 24]);
  });
  const steps = stepIndex.toArray();
  // v16 numbers steps by changes of the step index; the others by row.
  const stepCount = v === 16 ? countChanges(steps) : rowNumbers(steps.length);
  return { stepCount, cycle: cycle.toArray(), stepIndex: steps, status: status.toArray() };
}
