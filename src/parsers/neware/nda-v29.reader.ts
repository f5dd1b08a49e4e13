import { ParseError } from '../cycler-parser.js';
import { type ByteSource, Float64Builder, indexOfBytes } from '../binary/byte-view.js';
import { newareRangeMultiplier } from './neware-range.js';
import type { NewareAuxColumn, NewareRecords } from './neware-records.js';
import { pivotAux } from './neware-aux.js';

const RECORD = 86;
const IDENTIFIER = new Uint8Array([0, 0, 0, 0, 0x55, 0]);
// Record slot markers: 0x55 data, 0x65 aux, 0xAA (meaning unknown, 5 in new_nda_file.nda), 0 padding.
const KNOWN_MARKERS = new Set([0x55, 0x65, 0xaa, 0]);

function findFirstRecord(src: ByteSource): number {
  const { bytes } = src;
  let header = indexOfBytes(bytes, IDENTIFIER);
  // The data section is found by scanning: a record is confirmed by a non-zero status and
  // another record marker exactly one record length later.
  while (header >= 0 && header + 4 + RECORD < bytes.length) {
    if (bytes[header + 4 + RECORD] === 0x55 && bytes[header + 4 + 12] !== 0) return header + 4;
    header = indexOfBytes(bytes, IDENTIFIER, header + 4);
  }
  if (header < 0) throw new ParseError({ format: src.format, fileName: src.fileName, byte: 0, message: 'no Neware data record (0x55 0x00) found' });
  return header + 4;
}

/** Reads BTS 7.x .nda (version 22-29) records: 86-byte integer records, aux records tagged 0x65. */
export function readNdaV29(src: ByteSource): NewareRecords {
  const { bytes, view } = src;
  const start = findFirstRecord(src);
  const cap = Math.ceil((bytes.length - start) / RECORD) + 1;
  const b = Array.from({ length: 13 }, () => new Float64Builder(cap));
  const [index, cycle, stepIndex, stepKey, status, time, voltage, current, chg, dchg, chgE, dchgE, unix] = b;
  const auxIndex = new Float64Builder();
  const auxId = new Float64Builder();
  const auxT = new Float64Builder();
  const auxV = new Float64Builder();
  const offsets = new Float64Builder(cap);
  let truncation: NewareRecords['truncation'];
  let unknownSlots = 0;
  let p = start;
  for (; p + RECORD <= bytes.length; p += RECORD) {
    if (!KNOWN_MARKERS.has(bytes[p])) unknownSlots++;
    if (view.getUint32(p + 82, true) !== 0) continue;
    if (bytes[p] === 0x55 && bytes[p + 1] === 0) {
      const idx = view.getUint32(p + 2, true);
      const st = bytes[p + 12];
      if (idx === 0 || st === 0) continue;
      const range = view.getInt32(p + 78, true);
      const m = newareRangeMultiplier.get(range);
      if (m === undefined) {
        if (index.length === 0) {
          throw new ParseError({ format: src.format, fileName: src.fileName, byte: p + 78, field: 'Range', message: `unknown current range ${range} in record ${idx}` });
        }
        truncation = { byte: p, reason: `the next record (index ${idx}) has an unknown current range ${range} (corrupt bytes)` };
        break;
      }
      offsets.push(p);
      index.push(idx);
      cycle.push(view.getUint32(p + 6, true) + 1);
      stepIndex.push(view.getUint16(p + 10, true));
      stepKey.push(view.getUint32(p + 10, true));
      status.push(st);
      time.push(Number(view.getBigUint64(p + 14, true)) / 1000);
      voltage.push(view.getInt32(p + 22, true) / 10000);
      current.push(view.getInt32(p + 26, true) * m);
      chg.push((Number(view.getBigInt64(p + 38, true)) * m) / 3600);
      dchg.push((Number(view.getBigInt64(p + 46, true)) * m) / 3600);
      chgE.push((Number(view.getBigInt64(p + 54, true)) * m) / 3600);
      dchgE.push((Number(view.getBigInt64(p + 62, true)) * m) / 3600);
      // Local wall-clock time without zone, read as if UTC.
      unix.push(Date.UTC(view.getUint16(p + 70, true), bytes[p + 72] - 1, bytes[p + 73], bytes[p + 74], bytes[p + 75], bytes[p + 76]) / 1000);
    } else if (bytes[p] === 0x65) {
      auxId.push(bytes[p + 1]);
      auxIndex.push(view.getUint32(p + 2, true));
      auxV.push(view.getInt32(p + 22, true) / 10000);
      auxT.push(view.getInt16(p + 34, true) / 10);
    }
  }
  // The records run to the end of the file: a partial last record means the file was cut.
  if (!truncation && p < bytes.length) {
    truncation = { byte: p, reason: `the file ends ${bytes.length - p} bytes into an ${RECORD}-byte record` };
  }
  const idx = index.toArray();
  const aux: NewareAuxColumn[] = pivotAux(idx, auxIndex.toArray(), auxId.toArray(), { T: auxT.toArray(), V: auxV.toArray() });
  return {
    index: idx,
    cycleStored: cycle.toArray(),
    stepIndex: stepIndex.toArray(),
    stepKey: stepKey.toArray(),
    status: status.toArray(),
    stepTimeS: time.toArray(),
    voltageV: voltage.toArray(),
    currentMA: current.toArray(),
    chargeCapacityMAh: chg.toArray(),
    dischargeCapacityMAh: dchg.toArray(),
    chargeEnergyMWh: chgE.toArray(),
    dischargeEnergyMWh: dchgE.toArray(),
    unixTimeS: unix.toArray(),
    aux,
    offsets: offsets.toArray(),
    truncation,
    unknownSlots,
  };
}
