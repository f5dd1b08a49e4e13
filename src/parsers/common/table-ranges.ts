const LF = 10;
const QUOTE = 34;

/** A byte range [start, end) of a table's rows. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Cuts the rows in bytes [start, end) into at most `parts` ranges of about equal size, each
 * ending just after a line feed (the last at `end`) that is not inside a quoted cell, so that
 * reading the ranges apart and joining them gives the rows of reading the whole. Quotes are
 * counted with indexOf (memchr speed): a line feed after an even number of quotes since `start`
 * is outside any quoted cell in a well-formed file. Fewer ranges come back when the rows do not
 * split (a single line, one quoted cell spanning the rest ...).
 */
export function splitRowRanges(bytes: Uint8Array, start: number, end: number, parts: number): ByteRange[] {
  const ranges: ByteRange[] = [];
  let from = start;
  const quotes: QuoteParity = { count: 0, next: bytes.indexOf(QUOTE, start) };
  for (let k = 1; k < parts; k++) {
    const target = start + Math.floor(((end - start) * k) / parts);
    if (target <= from) continue;
    const cut = nextRowStart(bytes, target, end, quotes);
    if (cut < 0) break;
    ranges.push({ start: from, end: cut });
    from = cut;
  }
  if (from < end) ranges.push({ start: from, end });
  return ranges;
}

/** The byte after the first line feed at or after `at` that is outside quotes; -1 when none before `end`. */
function nextRowStart(bytes: Uint8Array, at: number, end: number, quotes: QuoteParity): number {
  let p = at;
  for (;;) {
    const lf = bytes.indexOf(LF, p);
    if (lf < 0 || lf + 1 >= end) return -1;
    if (evenQuotesBefore(bytes, quotes, lf)) return lf + 1;
    p = lf + 1;
  }
}

/** Quotes counted so far from the first range's start, and the next quote not yet counted (-1: none). */
interface QuoteParity {
  count: number;
  next: number;
}

/** True when an even number of quotes lies before `at`; `at` never decreases between calls. */
function evenQuotesBefore(bytes: Uint8Array, quotes: QuoteParity, at: number): boolean {
  // The next quote is looked up once and kept while it lies beyond `at`: a file without quotes is scanned once.
  while (quotes.next >= 0 && quotes.next < at) {
    quotes.count++;
    quotes.next = bytes.indexOf(QUOTE, quotes.next + 1);
  }
  return (quotes.count & 1) === 0;
}
