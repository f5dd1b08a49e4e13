import { detectDecimalComma, detectDelimiter, type Delimiter } from '../common/delimiter.js';
import { readHeadLines, type TextLine } from '../common/text-lines.js';

/** The likely header of a delimited text file no parser knows, for a mapping dialog to start from. */
export interface HeaderCandidates {
  /** 0-based line index of the header (the `headerLine` of a mapping). */
  lineIndex: number;
  cells: string[];
  delimiter: Delimiter;
  decimalComma: boolean;
  /** The first data lines under the header, split into cells. */
  sampleRows: string[][];
}

const SAMPLE_ROWS = 5;

const unquote = (cell: string) => cell.trim().replace(/^"|"$/g, '').trim();

function isNumberCell(cell: string, decimalComma: boolean): boolean {
  const t = unquote(cell);
  return t !== '' && Number.isFinite(Number(decimalComma ? t.replace(',', '.') : t));
}

/** A header: ≥ 2 cells, most of them text, followed by a line of the same width that is mostly numbers. */
function isHeaderAt(lines: TextLine[], i: number): { delimiter: Delimiter; decimalComma: boolean } | null {
  const text = lines[i].text;
  const after = lines.slice(i + 1, i + 1 + SAMPLE_ROWS * 4).map((l) => l.text).filter((t) => t.trim() !== '');
  if (after.length === 0) return null;
  const delimiter = detectDelimiter(text, after);
  const decimalComma = detectDecimalComma(after, delimiter);
  const cells = text.split(delimiter);
  if (cells.length < 2 || cells.filter((c) => unquote(c) !== '' && !isNumberCell(c, decimalComma)).length * 2 < cells.length) return null;
  const next = after[0].split(delimiter);
  if (Math.abs(next.length - cells.length) > 1) return null;
  return next.filter((c) => isNumberCell(c, decimalComma)).length * 2 >= next.length ? { delimiter, decimalComma } : null;
}

/**
 * Guesses the header line of a delimited text head (first 200 lines): the first line whose cells
 * are mostly text over a line of numbers. Null for binary content or when no line qualifies.
 */
export function guessHeaderCandidates(head: Uint8Array): HeaderCandidates | null {
  if (head.subarray(0, 8192).includes(0)) return null;
  const lines = readHeadLines(head, 200, head.length);
  for (let i = 0; i < lines.length - 1; i++) {
    const found = isHeaderAt(lines, i);
    if (!found) continue;
    const split = (t: string) => t.split(found.delimiter).map(unquote);
    const cells = split(lines[i].text);
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    const sampleRows = lines.slice(i + 1).filter((l) => l.text.trim() !== '').slice(0, SAMPLE_ROWS).map((l) => split(l.text));
    return { lineIndex: i, cells, ...found, sampleRows };
  }
  return null;
}
