import { readHeadLines, tailLines } from '../common/text-lines.js';

/**
 * Data rows a Maccor plan decides from, split by the delimiter, in stretches of consecutive rows:
 * those of the file's first MiB after the header, then its last 16 KiB. `parse` (the whole file) and
 * `planTable` (PlanInput.head and .tail) see the same lines, so both paths decide alike.
 */
export function sampleSegments(head: Uint8Array, tail: Uint8Array | undefined, headerLine: number, delimiter: string): string[][][] {
  const headRows = readHeadLines(head, Number.MAX_SAFE_INTEGER).slice(headerLine).map((l) => l.text).filter((t) => t.trim() !== '');
  const segments = [headRows.map((t) => t.split(delimiter))];
  if (tail) segments.push(tailLines(tail).map((t) => t.split(delimiter)));
  return segments;
}

/** A sampled field as a number (NaN when it is not one). */
export function sampleNumber(text: string | undefined, decimalComma: boolean): number {
  const t = (text ?? '').trim();
  if (t === '') return NaN;
  return Number(decimalComma ? t.replace(',', '.') : t);
}
