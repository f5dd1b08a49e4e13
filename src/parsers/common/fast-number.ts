import { latin1Slice } from './decode-text.js';

/** Where the last scan stopped (index of the first byte not part of the number). */
export interface ScanCursor {
  pos: number;
}

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Parses a decimal number starting at `pos` (leading spaces skipped) without allocating.
 * `decimalSep` is 46 ('.') or 44 (','). Returns NaN when no digits were found; cursor.pos is
 * then left at the first non-blank byte. With ≤ 15 significant digits and a power of ten ≤ 22
 * the result is exact (Clinger's fast path: one correctly rounded operation); longer numbers
 * fall back to Number() so results always equal Number(text).
 */
export function scanNumber(bytes: Uint8Array, pos: number, end: number, decimalSep: number, cursor: ScanCursor): number {
  const v = scanPlainNumber(bytes, pos, end, decimalSep, cursor);
  return cursor.pos >= 0 ? v : scanGeneralNumber(bytes, pos, end, decimalSep, cursor);
}

/**
 * The fast path of scanNumber, small enough to inline into the row scanner: plain '-ddd.ddd'
 * with at most 9 digits on each side and 15 in all (the bulk of every export). The two parts are
 * summed as int32 (short dependency chains), then joined exactly (< 2^53) and divided once, so
 * the result is the correctly rounded one. Anything else (blanks, '+', exponents, long
 * mantissas, no digits) sets cursor.pos to -1 and returns 0: the caller then calls
 * scanGeneralNumber from `pos`. It never calls out and never returns the global `NaN`, so an
 * inlined call yields an unboxed double: a merge with a call's result, or with a load of `NaN`
 * on a path not yet run, makes the optimiser box every value the row scanner reads (a 16-byte
 * heap number per field, ≈ 130 MB of garbage on the 1M-row Arbin file).
 */
export function scanPlainNumber(bytes: Uint8Array, pos: number, end: number, decimalSep: number, cursor: ScanCursor): number {
  let p = pos;
  const negative = p < end && bytes[p] === 45;
  if (negative) p++;
  let whole = 0;
  let q = p;
  while (q < end) { const d = bytes[q] - 48; if (d < 0 || d > 9) break; whole = (whole * 10 + d) | 0; q++; }
  const wholeDigits = q - p;
  let fraction = 0;
  let fractionDigits = 0;
  if (q < end && bytes[q] === decimalSep) {
    const f0 = ++q;
    while (q < end) { const d = bytes[q] - 48; if (d < 0 || d > 9) break; fraction = (fraction * 10 + d) | 0; q++; }
    fractionDigits = q - f0;
  }
  const digits = wholeDigits + fractionDigits;
  if (digits === 0 || wholeDigits > 9 || fractionDigits > 9 || digits > 15 || (q < end && (bytes[q] | 0x20) === 101)) {
    cursor.pos = -1;
    return 0;
  }
  cursor.pos = q;
  const v = fractionDigits === 0 ? whole : (whole * POW10[fractionDigits] + fraction) / POW10[fractionDigits];
  return negative ? -v : v;
}

/** The general scanner behind scanNumber: blanks, signs, exponents, long mantissas. */
export function scanGeneralNumber(bytes: Uint8Array, pos: number, end: number, decimalSep: number, cursor: ScanCursor): number {
  let p = pos;
  // Only spaces: a tab may be the delimiter, so the caller skips tabs when they are not.
  while (p < end && bytes[p] === 32) p++;
  const start = p;
  if (p >= end) { cursor.pos = p; return NaN; }
  let negative = false;
  let c = bytes[p];
  if (c === 45) { negative = true; p++; } else if (c === 43) p++;
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  // Zeros after the last non-zero digit are kept out of the mantissa so '1.5000000E+003' stays on the fast path.
  let trailing = 0;
  let exponent = 0;
  while (p < end) {
    c = bytes[p] - 48;
    if (c < 0 || c > 9) break;
    if (c !== 0) { mantissa = mantissa * POW10[trailing + 1] + c; significant += trailing + 1; trailing = 0; } else if (significant > 0) trailing++;
    digits++;
    p++;
  }
  if (p < end && bytes[p] === decimalSep) {
    p++;
    while (p < end) {
      c = bytes[p] - 48;
      if (c < 0 || c > 9) break;
      if (c !== 0) { mantissa = mantissa * POW10[trailing + 1] + c; significant += trailing + 1; trailing = 0; } else if (significant > 0) trailing++;
      exponent--;
      digits++;
      p++;
    }
  }
  if (digits === 0) { cursor.pos = start; return NaN; }
  c = p < end ? bytes[p] : 0;
  if (c === 101 || c === 69) {
    let q = p + 1;
    let expNegative = false;
    if (q < end && bytes[q] === 45) { expNegative = true; q++; } else if (q < end && bytes[q] === 43) q++;
    let e = 0;
    const expStart = q;
    while (q < end && bytes[q] >= 48 && bytes[q] <= 57 && e < 100000) { e = e * 10 + bytes[q] - 48; q++; }
    if (q > expStart) { exponent += expNegative ? -e : e; p = q; }
  }
  cursor.pos = p;
  exponent += trailing;
  if (significant > 15 || exponent > 22 || exponent < -22) return slowNumber(bytes, start, p, decimalSep);
  const value = exponent >= 0 ? mantissa * POW10[exponent] : mantissa / POW10[-exponent];
  return negative ? -value : value;
}

function slowNumber(bytes: Uint8Array, start: number, end: number, decimalSep: number): number {
  let text = latin1Slice(bytes, start, end);
  if (decimalSep !== 46) text = text.replace(',', '.');
  return Number(text);
}

/** Parses a whole string as a number ('' → NaN, trailing text → NaN); honours a decimal comma. */
export function parseNumberText(text: string, decimalComma = false): number {
  const t = text.trim();
  if (t === '') return NaN;
  const n = Number(decimalComma ? t.replace(',', '.') : t);
  return n;
}
