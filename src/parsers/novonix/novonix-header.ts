import { ParseError } from '../cycler-parser.js';
import { readHeadLines, type TextLine } from '../common/text-lines.js';

/** How far into a block the data header is looked for: protocol preambles run to thousands of lines. */
export const NOVONIX_HEADER_SEARCH_BYTES = 1 << 20;

/** The data header: the one line naming both 'Potential (V)' and 'Current (A)'. */
export const isNovonixHeader = (text: string, line: TextLine): boolean => line.number > 1 && /Potential \(V\)/.test(text) && /Current \(A\)/.test(text);

/**
 * The block's first lines up to 50 past the data header, searching the whole [Summary]/[Protocol]
 * preamble up to NOVONIX_HEADER_SEARCH_BYTES. `firstLine` is the block's line number in the file,
 * for the error that names the lines searched.
 */
export function readNovonixHeadLines(opts: { format: string; fileName: string; bytes: Uint8Array; firstLine: number }): TextLine[] {
  const { bytes } = opts;
  let lines = readHeadLines(bytes, 400);
  let header = lines.find((l) => isNovonixHeader(l.text, l));
  if (!header) {
    lines = readHeadLines(bytes, Infinity, NOVONIX_HEADER_SEARCH_BYTES);
    header = lines.find((l) => isNovonixHeader(l.text, l));
  }
  if (!header) {
    const last = lines.at(-1);
    const whole = !last || last.next >= bytes.length;
    const scope = whole ? (opts.firstLine === 1 ? 'whole file' : 'whole block') : `the first ${NOVONIX_HEADER_SEARCH_BYTES >> 20} MiB`;
    const range = lines.length === 0 ? `the first ${NOVONIX_HEADER_SEARCH_BYTES >> 20} MiB (no line ends there)` : `lines ${opts.firstLine}–${opts.firstLine + lines.length - 1} (${scope})`;
    throw new ParseError({
      format: opts.format,
      fileName: opts.fileName,
      message: `no data header (a line with 'Potential (V)' and 'Current (A)') in ${range}`,
    });
  }
  return lines.slice(0, header.number + 50);
}
