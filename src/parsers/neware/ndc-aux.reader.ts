import { Float64Builder, rowNumbers } from '../binary/byte-view.js';
import { type NdcFile, forEachRecord, recordCapacity } from './ndc-pages.js';

/** One aux .ndc file: values per record index; '?' = a single value whose quantity TestInfo.xml names. */
export interface NdcAux {
  index: Float64Array;
  quantities: Record<string, Float64Array>;
  /** The aux channel number each record carries (ndc v5, v11 tag 0x74): one file can hold several. */
  channel?: Float64Array;
}

function dropAllZero(q: Record<string, Float64Array>): Record<string, Float64Array> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v.some((x) => x !== 0)));
}

/** Reads aux files of ndc v5, 11, 14, 16, 17; null when the layout is unknown. */
export function readNdcAux(ndc: NdcFile): NdcAux | null {
  const { view, bytes, version } = ndc;
  if (version === 5) {
    const layout = { recordSize: 87, pageHeader: 125, pageFooter: 56 };
    const cap = recordCapacity(ndc, layout);
    const [index, channel, v, t, ts] = Array.from({ length: 5 }, () => new Float64Builder(cap));
    forEachRecord(ndc, layout, (p) => {
      const idx = view.getUint32(p + 8, true);
      if (idx === 0) return;
      index.push(idx);
      channel.push(bytes[p + 3]);
      v.push(view.getInt32(p + 31, true) * 1e-4);
      t.push(view.getInt16(p + 41, true) * 0.1);
      ts.push(view.getInt16(p + 43, true) * 0.1);
    });
    return { index: index.toArray(), channel: channel.toArray(), quantities: dropAllZero({ V: v.toArray(), T: t.toArray(), t: ts.toArray() }) };
  }
  if (version === 14 || version === 17) {
    const layout = { recordSize: 4, pageHeader: 132, pageFooter: 4 };
    const q = new Float64Builder(recordCapacity(ndc, layout));
    forEachRecord(ndc, layout, (p) => q.push(view.getFloat32(p, true)));
    return { index: rowNumbers(q.length), quantities: { '?': q.toArray() } };
  }
  if (version !== 11 && version !== 16) return null;
  const tag = bytes[4096 + 132];
  if (tag === 0x65) {
    const vScale = 1e-4;
    const layout = { recordSize: 7, pageHeader: 132, pageFooter: 2 };
    const cap = recordCapacity(ndc, layout);
    const v = new Float64Builder(cap);
    const t = new Float64Builder(cap);
    forEachRecord(ndc, layout, (p) => {
      if (bytes[p] !== 0x65) return;
      v.push(Math.fround(view.getFloat32(p + 1, true) * vScale));
      t.push(view.getInt16(p + 5, true) * 0.1);
    });
    return { index: rowNumbers(v.length), quantities: dropAllZero({ V: v.toArray(), T: t.toArray() }) };
  }
  if (tag === 0x74 && version === 11) {
    const layout = { recordSize: 88, pageHeader: 132, pageFooter: 4 };
    const cap = recordCapacity(ndc, layout);
    const index = new Float64Builder(cap);
    const channel = new Float64Builder(cap);
    const t = new Float64Builder(cap);
    forEachRecord(ndc, layout, (p) => {
      const idx = view.getInt32(p + 1, true);
      if (idx === 0) return;
      index.push(idx);
      channel.push(view.getInt8(p + 5));
      t.push(view.getInt16(p + 35, true) * 0.1);
    });
    return { index: index.toArray(), channel: channel.toArray(), quantities: { T: t.toArray() } };
  }
  return null;
}
