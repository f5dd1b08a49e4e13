import type { NormaliseCheckpoint } from './normalise-stream.js';

/**
 * A NormaliseCheckpoint as bytes, to keep between two appends to a file: a JSON header (the running
 * state, in which NaN and ±Infinity mean "none yet" and must survive) and the open cycle's rows as
 * raw little-endian arrays (exact: no number goes through text).
 */
export function encodeCheckpoint(cp: NormaliseCheckpoint): Uint8Array {
  const rows = cp.cycle.length;
  const header = Buffer.from(JSON.stringify({ version: 1, rows, columns: cp.inputs.length, lastCycleStart: cp.lastCycleStart, firstTimeRow: cp.firstTimeRow, state: cp.state }, numberReplacer));
  const arrays = [...cp.inputs, cp.cycle].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  return Buffer.concat([u32(header.length), header, ...arrays, Buffer.from(cp.direction.buffer, cp.direction.byteOffset, cp.direction.byteLength)]);
}

export function decodeCheckpoint(bytes: Uint8Array): NormaliseCheckpoint {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = buffer.readUInt32LE(0);
  const header = JSON.parse(buffer.subarray(4, 4 + headerLength).toString('utf8'), numberReviver) as {
    version: number; rows: number; columns: number; lastCycleStart: number; firstTimeRow: number; state: NormaliseCheckpoint['state'];
  };
  if (header.version !== 1) throw new Error(`normalise checkpoint version ${header.version} is not known`);
  let at = 4 + headerLength;
  const float64 = (): Float64Array => {
    const out = new Float64Array(header.rows);
    new Uint8Array(out.buffer).set(buffer.subarray(at, at + out.byteLength));
    at += out.byteLength;
    return out;
  };
  const inputs = Array.from({ length: header.columns }, float64);
  const cycle = float64();
  const direction = new Int8Array(header.rows);
  new Uint8Array(direction.buffer).set(buffer.subarray(at, at + header.rows));
  if (at + header.rows !== buffer.length) throw new Error('normalise checkpoint has the wrong length');
  return { state: header.state, inputs, direction, cycle, lastCycleStart: header.lastCycleStart, firstTimeRow: header.firstTimeRow };
}

/** JSON.stringify replacer that keeps NaN and ±Infinity (as {"$number": "NaN"}). */
export function numberReplacer(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v;
}

export function numberReviver(_key: string, v: unknown): unknown {
  return v !== null && typeof v === 'object' && '$number' in v ? Number((v as { $number: string }).$number) : v;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
