import { ParseError, type ParseWarning } from '../cycler-parser.js';
import { type ByteSource, requireRange } from '../binary/byte-view.js';
import { mprFlagIds } from './mpr-column-ids.js';
import { type MprField, layOutMprRecord } from './mpr-record-layout.js';
import type { MprModule } from './mpr-modules.js';

/** A column of the data records: an EC-Lab header ('Ewe/V') or a flag ('ox/red'). */
export interface MprColumn {
  id: number;
  header: string;
  values: Float64Array;
}

function readColumnIds(src: ByteSource, mod: MprModule, count: number): { ids: number[]; idOffsets: number[]; dataStart: number } {
  const { bytes, view } = src;
  const base = mod.offset + 5;
  if (mod.version === 0) {
    if (bytes[base] !== 0) {
      requireRange(src, base, count, 'column id list');
      return { ids: [...bytes.subarray(base, base + count)], idOffsets: Array.from({ length: count }, (_, k) => base + k), dataStart: 100 };
    }
    // EC-Lab ≥ 11.50: a zero byte, then u16 little-endian ids (ids above 255 occur, e.g. 467, 468).
    requireRange(src, base + 1, 2 * count, 'column id list');
    const ids = Array.from({ length: count }, (_, k) => view.getUint16(base + 1 + 2 * k, true));
    return { ids, idOffsets: Array.from({ length: count }, (_, k) => base + 1 + 2 * k), dataStart: 1007 };
  }
  if (mod.version === 2 || mod.version === 3) {
    requireRange(src, base, 2 * count, 'column id list');
    const ids = Array.from({ length: count }, (_, k) => view.getUint16(base + 2 * k, true));
    return { ids, idOffsets: Array.from({ length: count }, (_, k) => base + 2 * k), dataStart: mod.version === 3 ? 406 : 405 };
  }
  throw new ParseError({ format: src.format, fileName: src.fileName, byte: mod.offset, message: `unsupported 'VMP data' module version ${mod.version} (supported: 0, 2, 3)` });
}

/** The records of the data module, and where they are. */
export interface MprData {
  rows: number;
  columns: MprColumn[];
  /** Byte offset of the first record and the record size. */
  recordsStart: number;
  recordSize: number;
  /** Set when the file ends inside the records: the count the module header declares. */
  declaredRows?: number;
  warnings: ParseWarning[];
}

/**
 * Reads the 'VMP data' module: u32 point count, u8 column count, the column ids, then fixed-size
 * records laid out as the ids' dtypes in order (`layOutMprRecord`). The module's length gives the
 * record size, which lets an id missing from the table be read when its width is certain.
 */
export function readMprData(src: ByteSource, mod: MprModule): MprData {
  const { view } = src;
  requireRange(src, mod.offset, 5, "'VMP data' header");
  const rows = view.getUint32(mod.offset, true);
  const count = src.bytes[mod.offset + 4];
  const { ids, idOffsets, dataStart } = readColumnIds(src, mod, count);
  const start = mod.offset + dataStart;
  const available = mod.length - dataStart;
  const declared = mod.declaredLength === undefined ? mod.length - dataStart : mod.declaredLength - dataStart;
  const measuredSize = rows > 0 && declared > 0 && declared % rows === 0 ? declared / rows : null;
  const warnings: ParseWarning[] = [];
  const { fields, size } = layOutMprRecord(src, ids, idOffsets, measuredSize, warnings);
  // The point count and the module length both say how long the records are. Every sample file has
  // length = data offset + points × record size; a file cut inside the module keeps its whole records
  // only when the two agree exactly, so a corrupt length is never taken for a truncation.
  const fits = size > 0 && available > 0 ? Math.floor(available / size) : 0;
  const truncated = mod.declaredLength !== undefined;
  if (size === 0 || declared < 0 || rows * size > declared || (truncated && (fits === 0 || rows * size !== declared))) {
    throw new ParseError({
      format: src.format,
      fileName: src.fileName,
      byte: start,
      field: 'VMP data',
      message: `'VMP data' declares ${rows} records of ${size} bytes but holds ${Math.max(0, available)} bytes (truncated or corrupt)`,
    });
  }
  const kept = Math.min(rows, fits);
  const columns = fields.filter((f) => f.dtype !== 'skip').map((f) => ({ id: f.id, header: f.header, values: readField(view, f, start, size, kept) }));
  return { rows: kept, columns, warnings, recordsStart: start, recordSize: size, declaredRows: kept < rows ? rows : undefined };
}

// One small loop per dtype keeps each one monomorphic, so V8 compiles tight DataView reads.
function readF4(view: DataView, p: number, stride: number, out: Float64Array): void {
  for (let i = 0; i < out.length; i++, p += stride) out[i] = view.getFloat32(p, true);
}
function readF8(view: DataView, p: number, stride: number, out: Float64Array): void {
  for (let i = 0; i < out.length; i++, p += stride) out[i] = view.getFloat64(p, true);
}
function readU1(view: DataView, p: number, stride: number, out: Float64Array, mask: number, shift: number): void {
  for (let i = 0; i < out.length; i++, p += stride) out[i] = (view.getUint8(p) & mask) >> shift;
}
function readU2(view: DataView, p: number, stride: number, out: Float64Array): void {
  for (let i = 0; i < out.length; i++, p += stride) out[i] = view.getUint16(p, true);
}
function readU4(view: DataView, p: number, stride: number, out: Float64Array): void {
  for (let i = 0; i < out.length; i++, p += stride) out[i] = view.getUint32(p, true);
}

function readField(view: DataView, f: MprField, start: number, stride: number, rows: number): Float64Array {
  const out = new Float64Array(rows);
  const p = start + f.offset;
  if (f.dtype === 'f4') readF4(view, p, stride, out);
  else if (f.dtype === 'f8') readF8(view, p, stride, out);
  else if (f.dtype === 'u2') readU2(view, p, stride, out);
  else if (f.dtype === 'u4') readU4(view, p, stride, out);
  else if (f.dtype === 'u1') readU1(view, p, stride, out, 0xff, 0);
  else {
    const mask = mprFlagIds[f.id][1];
    readU1(view, p, stride, out, mask, Math.log2(mask & -mask));
  }
  return out;
}
