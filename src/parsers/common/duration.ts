/**
 * Durations in vendor exports: '1d 21:49:19.58' (Maccor, unpadded seconds allowed),
 * '144:01:18' (hours beyond 24, Neware), 'hh:mm:ss.xxx' (PEC), or a plain number of seconds.
 * Returns seconds, NaN when the text is not a duration.
 */
export function parseDurationBytes(bytes: Uint8Array, start: number, end: number): number {
  let p = start;
  while (p < end && (bytes[p] === 32 || bytes[p] === 9)) p++;
  let negative = false;
  if (bytes[p] === 45) { negative = true; p++; }
  let total = 0;
  let part = 0;
  let parts = 0;
  let digits = 0;
  let days = 0;
  while (p < end) {
    const c = bytes[p];
    if (c >= 48 && c <= 57) { part = part * 10 + c - 48; digits++; p++; continue; }
    if (c === 100 || c === 68) { // 'd' after the day count
      if (digits === 0 || parts > 0) return NaN;
      days = part; part = 0; digits = 0; p++;
      while (p < end && bytes[p] === 32) p++;
      continue;
    }
    if (c === 58) { if (digits === 0) return NaN; total = total * 60 + part; part = 0; digits = 0; parts++; p++; continue; }
    if (c === 46 || c === 44) {
      // Fraction of the last field (seconds); parse as a decimal fraction.
      p++;
      let f = 0;
      let k = 0;
      while (p < end && bytes[p] >= 48 && bytes[p] <= 57) { if (k < 15) { f = f * 10 + bytes[p] - 48; k++; } p++; }
      total = total * 60 + part + f / 10 ** k;
      part = 0; digits = -1; parts++;
      break;
    }
    if (c === 32 || c === 9 || c === 13) break;
    return NaN;
  }
  while (p < end && (bytes[p] === 32 || bytes[p] === 9 || bytes[p] === 13)) p++;
  if (p < end) return NaN;
  if (digits > 0) { total = total * 60 + part; parts++; } else if (digits === 0) return NaN;
  const seconds = days * 86400 + total;
  return negative ? -seconds : seconds;
}

/** String form of parseDurationBytes. */
export function parseDuration(text: string): number {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return parseDurationBytes(bytes, 0, bytes.length);
}
