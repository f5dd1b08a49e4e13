import { ParseError } from '../cycler-parser.js';

/** A little-endian view over a byte buffer that names the format and file in every error. */
export interface ByteSource {
  bytes: Uint8Array;
  view: DataView;
  format: string;
  fileName: string;
}

/** Wraps bytes for little-endian reads. */
export function createByteSource(bytes: Uint8Array, format: string, fileName: string): ByteSource {
  return { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), format, fileName };
}

/** Throws a ParseError unless [offset, offset + length) lies inside the buffer. */
export function requireRange(src: ByteSource, offset: number, length: number, what: string): void {
  if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > src.bytes.length) {
    throw new ParseError({
      format: src.format,
      fileName: src.fileName,
      byte: Math.max(0, Math.min(offset, src.bytes.length)),
      message: `${what}: needs ${length} bytes at offset ${offset} but the file has ${src.bytes.length} (truncated or corrupt)`,
    });
  }
}

/** Latin-1 text of a byte range (never throws on odd bytes); trailing NULs and spaces removed. */
export function readLatin1(bytes: Uint8Array, offset: number, length: number): string {
  const end = Math.min(bytes.length, offset + length);
  let s = '';
  for (let i = offset; i < end; i++) s += String.fromCharCode(bytes[i]);
  return s.replace(/[\0 ]+$/, '');
}

/** True when `bytes` holds `ascii` at `offset`. */
export function startsWithAscii(bytes: Uint8Array, ascii: string, offset = 0): boolean {
  if (bytes.length < offset + ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[offset + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** First index of `needle` in `bytes` at or after `from`, or -1. */
export function indexOfBytes(bytes: Uint8Array, needle: Uint8Array, from = 0): number {
  const n = needle.length;
  if (n === 0) return from;
  const first = needle[0];
  for (let i = bytes.indexOf(first, from); i >= 0 && i + n <= bytes.length; i = bytes.indexOf(first, i + 1)) {
    let j = 1;
    while (j < n && bytes[i + j] === needle[j]) j++;
    if (j === n) return i;
  }
  return -1;
}

/** 1, 2, … n as a Float64Array (implicit record indices, row numbers). */
export function rowNumbers(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i + 1;
  return out;
}

/** Growable Float64 column used while the row count is not yet known. */
export class Float64Builder {
  private data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** Value `i` (0 ≤ i < length). */
  at(i: number): number {
    return this.data[i];
  }
  /** The filled part (a copy of exactly `length` values). */
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}
