/** Text decoding for cycler exports: strict UTF-8 first, cp1252 when that fails (° = 0xB0, µ = 0xB5). */
export type TextEncodingName = 'utf-8' | 'windows-1252';

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const cp1252 = new TextDecoder('windows-1252');

/** Byte length of a UTF-8 BOM at the start of `bytes` (0 or 3). */
export function bomLength(bytes: Uint8Array): number {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** Decodes bytes (BOM stripped) as strict UTF-8, falling back to cp1252; never throws on bad bytes. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const body = bytes.subarray(bomLength(bytes));
  try {
    return { text: utf8Strict.decode(body), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Windows exports are cp1252/latin-1, which decodes any byte sequence.
    return { text: cp1252.decode(body), encoding: 'windows-1252' };
  }
}

/** Decodes a short byte range as Latin-1 (one char per byte), for numbers and dates. */
export function latin1Slice(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]);
  return s;
}
