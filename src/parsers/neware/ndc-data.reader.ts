import { ParseError } from '../cycler-parser.js';
import { Float64Builder } from '../binary/byte-view.js';
import { newareRangeMultiplier } from './neware-range.js';
import { type NdcFile, forEachRecord, recordCapacity } from './ndc-pages.js';
import { countChanges } from './neware-status.js';
import type { NewareRecords } from './neware-records.js';

/** data.ndc of version ≥ 11: only voltage and current; the record index is the position (1-based). */
export interface NdcVoltageCurrent {
  voltageV: Float64Array;
  currentMA: Float64Array;
}

/** Reads (voltage, current) pairs of data.ndc v11/14/16/17; zero-voltage slots are page padding. */
export function readNdcVoltageCurrent(ndc: NdcFile): NdcVoltageCurrent {
  // Units differ by version: v11 0.1 mV + mA, v14/17 V + A, v16 0.1 mV + mA.
  const vScale = ndc.version === 14 || ndc.version === 17 ? 1 : 1e-4;
  const iScale = ndc.version === 14 || ndc.version === 17 ? 1000 : 1;
  const layout = { recordSize: 8, pageHeader: 132, pageFooter: 4 };
  const v = new Float64Builder(recordCapacity(ndc, layout));
  const i = new Float64Builder(recordCapacity(ndc, layout));
  const { view } = ndc;
  forEachRecord(ndc, layout, (p) => {
    const raw = view.getFloat32(p, true);
    if (raw === 0) return;
    v.push(Math.fround(raw * vScale));
    i.push(Math.fround(view.getFloat32(p + 4, true) * iScale));
  });
  return { voltageV: v.toArray(), currentMA: i.toArray() };
}

/** Reads data.ndc version 5 (BTS 8): full 87-byte integer records like .nda v29. */
export function readNdcV5Records(format: string, fileName: string, ndc: NdcFile): NewareRecords {
  const layout = { recordSize: 87, pageHeader: 125, pageFooter: 56 };
  const cap = recordCapacity(ndc, layout);
  const b = Array.from({ length: 13 }, () => new Float64Builder(cap));
  const [index, cycle, stepIndex, status, time, voltage, current, chg, dchg, chgE, dchgE, unix] = b;
  const { view, bytes } = ndc;
  forEachRecord(ndc, layout, (p) => {
    const idx = view.getUint32(p + 8, true);
    if (idx === 0) return;
    const range = view.getInt32(p + 82, true);
    const m = newareRangeMultiplier.get(range);
    if (m === undefined) throw new ParseError({ format, fileName, byte: p + 82, field: ndc.name, message: `unknown current range ${range} in record ${idx}` });
    index.push(idx);
    cycle.push(view.getUint32(p + 12, true) + 1);
    stepIndex.push(bytes[p + 16]);
    status.push(bytes[p + 17]);
    time.push(Number(view.getBigUint64(p + 23, true)) / 1000);
    voltage.push(view.getInt32(p + 31, true) / 10000);
    current.push(view.getInt32(p + 35, true) * m);
    chg.push((Number(view.getBigInt64(p + 43, true)) * m) / 3600);
    dchg.push((Number(view.getBigInt64(p + 51, true)) * m) / 3600);
    chgE.push((Number(view.getBigInt64(p + 59, true)) * m) / 3600);
    dchgE.push((Number(view.getBigInt64(p + 67, true)) * m) / 3600);
    // Local wall-clock time without zone, read as if UTC.
    unix.push(Date.UTC(view.getUint16(p + 75, true), bytes[p + 77] - 1, bytes[p + 78], bytes[p + 79], bytes[p + 80], bytes[p + 81]) / 1000);
  });
  const steps = stepIndex.toArray();
  return {
    index: index.toArray(),
    cycleStored: cycle.toArray(),
    stepIndex: steps,
    stepKey: countChanges(steps),
    status: status.toArray(),
    stepTimeS: time.toArray(),
    voltageV: voltage.toArray(),
    currentMA: current.toArray(),
    chargeCapacityMAh: chg.toArray(),
    dischargeCapacityMAh: dchg.toArray(),
    chargeEnergyMWh: chgE.toArray(),
    dischargeEnergyMWh: dchgE.toArray(),
    unixTimeS: unix.toArray(),
    aux: [],
  };
}
