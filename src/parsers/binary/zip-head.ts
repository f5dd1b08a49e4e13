import { inflateSync } from 'fflate';

const LOCAL = 0x04034b50;

/**
 * The bytes of zip entry `name` when its local header and compressed data lie entirely within
 * `head` (the first bytes of a file, for detection); null otherwise. Inflates at most `maxBytes`.
 */
export function readZipEntryFromHead(head: Uint8Array, name: string, maxBytes = 1 << 20): Uint8Array | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let p = 0;
  while (p + 30 <= head.length && view.getUint32(p, true) === LOCAL) {
    const flags = view.getUint16(p + 6, true);
    const method = view.getUint16(p + 8, true);
    const compressed = view.getUint32(p + 18, true);
    const size = view.getUint32(p + 22, true);
    const nameLen = view.getUint16(p + 26, true);
    const extraLen = view.getUint16(p + 28, true);
    const start = p + 30 + nameLen + extraLen;
    // Sizes deferred to a data descriptor (flag bit 3) cannot be followed cheaply.
    if (flags & 8 || start + compressed > head.length) return null;
    const entryName = new TextDecoder('latin1').decode(head.subarray(p + 30, p + 30 + nameLen));
    if (entryName === name) {
      if (size > maxBytes) return null;
      const data = head.subarray(start, start + compressed);
      if (method === 0) return data;
      if (method !== 8) return null;
      try {
        return inflateSync(data, { out: new Uint8Array(size) });
      } catch {
        return null;
      }
    }
    p = start + compressed;
  }
  return null;
}

/** Sheet names of an .xlsx whose workbook.xml is within `head`; null when it cannot be seen. */
export function xlsxSheetNamesFromHead(head: Uint8Array): string[] | null {
  const xml = readZipEntryFromHead(head, 'xl/workbook.xml');
  if (!xml) return null;
  const text = new TextDecoder().decode(xml);
  return [...text.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);
}
