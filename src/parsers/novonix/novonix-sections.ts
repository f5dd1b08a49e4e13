/** One '[Summary] ... [Data] table' block of a Novonix file (a resumed test appends another). */
export interface NovonixBlock {
  /** Byte range of the block. */
  start: number;
  end: number;
  /** 1-based line number of the block's first line in the file. */
  firstLine: number;
  summary: Record<string, string>;
}

const enc = new TextEncoder();
const SUMMARY = enc.encode('[Summary]');
const END_SUMMARY = enc.encode('[End Summary]');

function indexOf(bytes: Uint8Array, needle: Uint8Array, from: number): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle, from);
}

/** Splits the file at every '[Summary]' that starts a line; reads each summary's 'key: value' lines. */
export function splitNovonixBlocks(bytes: Uint8Array): NovonixBlock[] {
  const starts: number[] = [];
  let p = indexOf(bytes, SUMMARY, 0);
  while (p >= 0) {
    if (p === 0 || bytes[p - 1] === 10 || (p <= 3 && bytes[0] === 0xef)) starts.push(p);
    p = indexOf(bytes, SUMMARY, p + SUMMARY.length);
  }
  if (starts.length === 0) starts.push(0);
  let line = 1;
  let counted = 0;
  return starts.map((start, k) => {
    for (; counted < start; counted++) if (bytes[counted] === 10) line++;
    const firstLine = line;
    const end = k + 1 < starts.length ? starts[k + 1] : bytes.length;
    const endSummary = indexOf(bytes, END_SUMMARY, start);
    const summaryText = endSummary > start && endSummary < end ? new TextDecoder().decode(bytes.subarray(start, endSummary)) : '';
    const summary: Record<string, string> = {};
    for (const line of summaryText.split(/\r?\n/).slice(1)) {
      const i = line.indexOf(':');
      if (i > 0) summary[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
    return { start, end, firstLine, summary };
  });
}
