import { readHeadLines, tailLines } from '../common/text-lines.js';

const HEAD_BYTES = 1 << 20;

/**
 * Data rows a Maccor plan decides from, split by the delimiter, in stretches of consecutive rows:
 * those of the file's first MiB after the header, then its last 16 KiB. `parse` (the whole file) and
 * `planTable` (PlanInput.head and .tail) see the same lines, so both paths decide alike.
 */
export function sampleSegments(head: Uint8Array, tail: Uint8Array | undefined, headerLine: number, delimiter: string): string[][][] {
  const headRows = readHeadLines(head, Number.MAX_SAFE_INTEGER, HEAD_BYTES).slice(headerLine).map((l) => l.text).filter((t) => t.trim() !== '');
  const segments = [headRows.map((t) => t.split(delimiter))];
  // A file of up to 1 MiB is all in the head (the same test for a plan's head and parse's whole bytes).
  if (tail && head.length > HEAD_BYTES) segments.push(tailLines(tail).map((t) => t.split(delimiter)));
  return segments;
}

/** A sampled field as a number (NaN when it is not one). */
export function sampleNumber(text: string | undefined, decimalComma: boolean): number {
  const t = (text ?? '').trim();
  if (t === '') return NaN;
  return Number(decimalComma ? t.replace(',', '.') : t);
}
