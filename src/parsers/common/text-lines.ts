import { bomLength, decodeText } from './decode-text.js';

/** One decoded line of a text file with its byte position. */
export interface TextLine {
  /** Text without the line break (decoded: strict UTF-8, else cp1252). */
  text: string;
  /** 1-based line number. */
  number: number;
  /** Byte offset of the line start. */
  start: number;
  /** Byte offset of the next line (after LF), or the end of the data. */
  next: number;
}

/**
 * Decodes the first `maxLines` lines of `bytes` (BOM skipped; LF or CRLF; a lone CR also ends a
 * line), reading at most `maxBytes`. For preambles and headers: data rows go through readTable.
 */
export function readHeadLines(bytes: Uint8Array, maxLines = 200, maxBytes = 1 << 20): TextLine[] {
  const lines: TextLine[] = [];
  const limit = Math.min(bytes.length, maxBytes);
  let p = bomLength(bytes);
  while (p < limit && lines.length < maxLines) {
    let e = p;
    while (e < limit && bytes[e] !== 10 && bytes[e] !== 13) e++;
    let next = e;
    if (bytes[next] === 13) next++;
    if (bytes[next] === 10) next++;
    if (e >= limit && limit < bytes.length) break; // a cut line is not a line
    lines.push({ text: decodeText(bytes.subarray(p, e)).text, number: lines.length + 1, start: p, next: Math.min(next, bytes.length) });
    p = next;
  }
  return lines;
}

/** The first bytes decoded as Latin-1, enough for signature checks in detect(). */
export function headText(head: Uint8Array, maxBytes = 4096): string {
  const n = Math.min(head.length, maxBytes);
  let s = '';
  for (let i = bomLength(head); i < n; i++) s += String.fromCharCode(head[i]);
  return s;
}

/** The last lines of the data (decoded Latin-1), for sampling values at the end of a file. */
export function tailLines(bytes: Uint8Array, maxBytes = 16384): string[] {
  const start = Math.max(0, bytes.length - maxBytes);
  let s = '';
  for (let i = start; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  const lines = s.split(/\r?\n/);
  if (start > 0) lines.shift();
  return lines.filter((l) => l.trim() !== '');
}
