import { crc32, inflateRawSync } from 'node:zlib';
import { ParseError } from '../cycler-parser.js';

/** Limits that keep a hostile zip (a "zip bomb" renamed .ndax or .xlsx) from exhausting memory. */
export const zipArchiveLimits = {
  maxEntries: 256,
  /** Sum of the uncompressed sizes of the entries we extract. */
  maxTotalBytes: 1024 * 1024 * 1024,
  /** Uncompressed / compressed size of an entry over 1 MiB; real .ndc files stay below ~150. */
  maxRatio: 400,
};

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  directoryOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Reads the central directory itself (fflate's unzipSync reports 0xFFFFFFFF for the zip64 sizes
 * Neware writes and would then allocate 4 GiB per entry), validating every offset and size
 * against the buffer before anything is inflated.
 */
function readCentralDirectory(bytes: Uint8Array, fail: (byte: number, message: string) => never): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let p = bytes.length - 22; p >= 0 && p >= bytes.length - 22 - 65535; p--) {
    if (view.getUint32(p, true) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) fail(0, 'not a zip archive (no end-of-central-directory record)');
  const count = view.getUint16(eocd + 10, true);
  if (count > zipArchiveLimits.maxEntries) fail(eocd, `zip has ${count} entries (limit ${zipArchiveLimits.maxEntries})`);
  let p = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) fail(p, `bad central directory entry ${i}`);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen + extraLen > bytes.length) fail(p, `central directory entry ${i} runs past the end`);
    const name = new TextDecoder('latin1').decode(bytes.subarray(p + 46, p + 46 + nameLen));
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    let localOffset = view.getUint32(p + 42, true);
    // Zip64 extra field: the 64-bit values of the fields saturated at 0xFFFFFFFF, in this order.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = view.getUint16(e, true);
      const len = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let f = e + 4;
        const next = (): number => {
          if (f + 8 > e + 4 + len) fail(e, `short zip64 field in '${name}'`);
          const v = Number(view.getBigUint64(f, true));
          f += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + len;
    }
    entries.push({ name, method: view.getUint16(p + 10, true), crc: view.getUint32(p + 16, true), compressedSize, size, localOffset, directoryOffset: p });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Extracts the entries `wanted` accepts, within zipArchiveLimits, checking each entry's CRC-32 so
 * a corrupted archive fails here with a ParseError instead of feeding garbage to a reader.
 */
export function extractZipEntries(format: string, fileName: string, bytes: Uint8Array, wanted: (name: string) => boolean): Map<string, Uint8Array> {
  const fail = (byte: number, message: string, cause?: unknown): never => {
    throw new ParseError({ format, fileName, byte, message, cause });
  };
  const checked = (entry: ZipEntry, data: Uint8Array): Uint8Array => {
    if (crc32(data) !== entry.crc) fail(entry.localOffset, `'${entry.name}' fails its CRC-32 check (corrupt archive)`);
    return data;
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of readCentralDirectory(bytes, fail)) {
    if (!wanted(entry.name)) continue;
    const lp = entry.localOffset;
    if (lp + 30 > bytes.length || view.getUint32(lp, true) !== LOCAL) fail(lp, `bad local header for '${entry.name}'`);
    const start = lp + 30 + view.getUint16(lp + 26, true) + view.getUint16(lp + 28, true);
    if (start + entry.compressedSize > bytes.length) fail(lp, `'${entry.name}' is truncated (${entry.compressedSize} compressed bytes declared)`);
    total += entry.size;
    if (total > zipArchiveLimits.maxTotalBytes) fail(entry.directoryOffset, `zip expands to more than ${zipArchiveLimits.maxTotalBytes} bytes (zip bomb?)`);
    if (entry.size > 1024 * 1024 && entry.size > entry.compressedSize * zipArchiveLimits.maxRatio) {
      fail(entry.directoryOffset, `'${entry.name}' declares a compression ratio above ${zipArchiveLimits.maxRatio} (zip bomb?)`);
    }
    const raw = bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) {
      out.set(entry.name, checked(entry, raw));
    } else if (entry.method === 8) {
      let inflated: Uint8Array;
      try {
        // Node's zlib is ~5× faster than fflate here; maxOutputLength stops inflation at the
        // declared size, so a lying header cannot make it allocate more.
        inflated = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size), chunkSize: Math.max(64, entry.size) });
      } catch (e) {
        return fail(start, `cannot inflate '${entry.name}': ${(e as Error).message}`, e);
      }
      if (inflated.length !== entry.size) fail(start, `'${entry.name}' inflates to ${inflated.length} bytes, ${entry.size} declared`);
      out.set(entry.name, checked(entry, inflated));
    } else {
      fail(entry.directoryOffset, `'${entry.name}' uses unsupported zip compression method ${entry.method}`);
    }
  }
  return out;
}
