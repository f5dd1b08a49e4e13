import { gunzipSync } from 'node:zlib';
import { ParseError } from './cycler-parser.js';

/** Largest decompressed size accepted from a .gz upload (guards against gzip bombs). */
export const MAX_GUNZIP_BYTES = 1 << 30;

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decompresses a gzip file; the inner name drops the '.gz' suffix. Bounded by `maxBytes`. */
export function gunzipFile(fileName: string, bytes: Uint8Array, maxBytes = MAX_GUNZIP_BYTES): { fileName: string; bytes: Uint8Array } {
  try {
    const inner = gunzipSync(bytes, { maxOutputLength: maxBytes });
    return { fileName: fileName.replace(/\.gz$/i, ''), bytes: new Uint8Array(inner.buffer, inner.byteOffset, inner.byteLength) };
  } catch (cause) {
    const tooBig = cause instanceof RangeError || (cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new ParseError({ format: 'gzip', fileName, byte: 0, message: tooBig ? `decompresses to more than ${maxBytes} bytes` : `not a valid gzip stream (${(cause as Error).message})`, cause });
  }
}
