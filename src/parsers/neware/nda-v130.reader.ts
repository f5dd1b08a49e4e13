import { ParseError } from '../cycler-parser.js';
import { type ByteSource, Float64Builder, indexOfBytes, requireRange } from '../binary/byte-view.js';
import type { NewareRecords } from './neware-records.js';
import { pivotAux } from './neware-aux.js';

const DATA_START = 1024;
const MAX_FOOTER = 4096;

function recordLength(src: ByteSource): number {
  const { bytes } = src;
  if (bytes[DATA_START] !== 0x55) return 88; // BTS 9.0: fixed 88-byte records
  // BTS 9.1: the record length varies with the channel's aux inputs; it is the distance to the
  // next occurrence of the 2-byte record marker.
  const next = indexOfBytes(bytes, bytes.subarray(DATA_START, DATA_START + 2), DATA_START + 2);
  const len = next - DATA_START;
  if (next < 0 || len < 52 || len > 4096) {
    throw new ParseError({ format: src.format, fileName: src.fileName, byte: DATA_START, message: 'cannot find the BTS 9.1 record length' });
  }
  return len;
}

/** Reads BTS 9.x .nda (version 130) records: BTS 9.0 (88-byte float records) and BTS 9.1 (0x55-tagged, signed capacity). */
export function readNdaV130(src: ByteSource): NewareRecords {
  const { bytes, view } = src;
  requireRange(src, DATA_START, 8, 'first data record');
  const len = recordLength(src);
  const identifier = bytes.slice(DATA_START, DATA_START + 6);
  const cap = Math.ceil((bytes.length - DATA_START) / len) + 1;
  const b = Array.from({ length: 12 }, () => new Float64Builder(cap));
  const [index, stepIndex, status, time, voltage, current, chg, dchg, chgE, dchgE, unix, auxT91] = b;
  const auxIndex = new Float64Builder();
  const auxId = new Float64Builder();
  const auxT = new Float64Builder();
  const auxV = new Float64Builder();
  const isIdentifier = (p: number): boolean => {
    for (let k = 0; k < 6; k++) if (bytes[p + k] !== identifier[k]) return false;
    return true;
  };
  const offsets = new Float64Builder(cap);
  let truncation: NewareRecords['truncation'];
  const bts91 = bytes[DATA_START] === 0x55;
  let footer = false;
  const testInfoAt = Number(view.getBigUint64(34, true)); // in range: requireRange above covers byte 1032
  let p = DATA_START;
  for (; p + len <= bytes.length; p += len) {
    if (bytes[p] === 0x55) {
      offsets.push(p);
      index.push(view.getUint32(p + 8, true));
      stepIndex.push(bytes[p + 2]);
      status.push(bytes[p + 3]);
      time.push(view.getUint32(p + 12, true) + 1e-9 * view.getUint32(p + 16, true));
      current.push(view.getFloat32(p + 20, true));
      voltage.push(view.getFloat32(p + 24, true));
      // BTS 9.1 stores one signed capacity/energy (positive = charge) in mA·s / mW·s.
      const q = view.getFloat32(p + 28, true) / 3600;
      const e = view.getFloat32(p + 32, true) / 3600;
      chg.push(q > 0 ? q : 0);
      dchg.push(q < 0 ? -q : 0);
      chgE.push(e > 0 ? e : 0);
      dchgE.push(e < 0 ? -e : 0);
      unix.push(view.getUint32(p + 44, true) + 1e-9 * view.getUint32(p + 48, true));
      if (len === 56) auxT91.push(view.getFloat32(p + 52, true));
    } else if (bts91 && bytes[p] !== 0x81) {
      // BTS 9.1 data is one unbroken run of 0x55 records up to the 0x81 footer (TestFile.nda:
      // 6 670 of them): any other marker is a corrupt record, and what follows cannot be trusted.
      if (index.length === 0) throw new ParseError({ format: src.format, fileName: src.fileName, byte: p, field: 'record marker', message: `record marker 0x${bytes[p].toString(16)} where a 0x55 data record is expected (corrupt)` });
      truncation = { byte: p, reason: `record marker 0x${bytes[p].toString(16)} where a 0x55 data record or the 0x81 footer is expected (corrupt bytes)` };
      break;
    } else if (isIdentifier(p)) {
      offsets.push(p);
      const r = p + 4;
      stepIndex.push(bytes[r + 5]);
      status.push(bytes[r + 6]);
      index.push(view.getUint32(r + 12, true));
      time.push(Number(view.getBigUint64(r + 24, true)) / 1e6);
      voltage.push(view.getFloat32(r + 32, true));
      current.push(view.getFloat32(r + 36, true));
      chg.push(view.getFloat32(r + 48, true) / 3600);
      chgE.push(view.getFloat32(r + 52, true) / 3600);
      dchg.push(view.getFloat32(r + 56, true) / 3600);
      dchgE.push(view.getFloat32(r + 60, true) / 3600);
      unix.push(Number(view.getBigUint64(r + 64, true)) / 1e6);
    } else if (view.getUint32(p, true) === 0 && bytes[p + 4] === 0x65) {
      const r = p + 4;
      auxId.push(bytes[r + 1]);
      auxIndex.push(view.getUint32(r + 2, true));
      auxV.push(view.getInt32(r + 22, true) / 10000);
      auxT.push(view.getInt16(r + 34, true) / 10);
    } else if (bytes[p] === 0x81) {
      // The footer block (active mass, remarks) ends just before the test info record the header
      // points to (379 bytes in TestFile.nda): a 0x81 far before that is a corrupt record.
      if (bts91 && testInfoAt > p + MAX_FOOTER) {
        truncation = { byte: p, reason: `a 0x81 footer marker, but the header puts the test info record at byte ${testInfoAt} (corrupt bytes)` };
        break;
      }
      footer = true;
      break;
    }
  }
  if (bts91 && !footer && !truncation) truncation = { byte: p, reason: 'the file ends before the 0x81 footer block that follows the last record (cut file)' };
  const idx = index.toArray();
  const steps = stepIndex.toArray();
  let aux = pivotAux(idx, auxIndex.toArray(), auxId.toArray(), { T: auxT.toArray(), V: auxV.toArray() });
  if (len === 56) aux = pivotAux(idx, idx, new Float64Array(idx.length).fill(1), { T: auxT91.toArray() });
  return {
    index: idx,
    stepIndex: steps,
    stepKey: steps,
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
  };
}
