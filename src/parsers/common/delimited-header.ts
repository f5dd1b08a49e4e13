import { detectDecimalComma, detectDelimiter, delimiterByte } from './delimiter.js';
import type { Delimiter } from './delimiter.js';
import { splitHeaderCell } from './header-columns.js';
import type { HeaderCell } from './header-columns.js';
import type { TextLine } from './text-lines.js';

/** What a parser needs to read the table under a header line. */
export interface DelimitedLayout {
  delimiter: Delimiter;
  delimiterByte: number;
  decimalComma: boolean;
  cells: HeaderCell[];
  /** Up to 50 data lines after the header, split into fields (for sniffing units, date order ...). */
  samples: string[][];
  /** Byte offset and 1-based line number of the first line after the header. */
  dataStart: number;
  dataLine: number;
}

/** Delimiter, decimal separator and header cells of the table whose header is `header`. */
export function describeDelimitedTable(lines: TextLine[], header: TextLine, opts: { slash?: boolean; delimiter?: Delimiter } = {}): DelimitedLayout {
  const after = lines.slice(header.number, header.number + 50).map((l) => l.text).filter((t) => t.trim() !== '');
  const delimiter = opts.delimiter ?? detectDelimiter(header.text, after);
  const decimalComma = detectDecimalComma(after, delimiter);
  const cells = header.text.split(delimiter).map((c) => splitHeaderCell(c, { slash: opts.slash }));
  while (cells.length > 0 && cells[cells.length - 1].text === '') cells.pop();
  return {
    delimiter,
    delimiterByte: delimiterByte(delimiter),
    decimalComma,
    cells,
    samples: after.map((t) => t.split(delimiter)),
    dataStart: header.next,
    dataLine: header.number + 1,
  };
}

/** True when every non-empty sample value of field `index` reads as a number. */
export function isNumericField(samples: string[][], index: number, decimalComma: boolean): boolean {
  let seen = 0;
  for (const row of samples) {
    const t = (row[index] ?? '').trim().replace(/^"|"$/g, '');
    if (t === '' || /^(n\/a|nan|na|-)$/i.test(t)) continue;
    if (!Number.isFinite(Number(decimalComma ? t.replace(',', '.') : t))) return false;
    seen++;
  }
  return seen > 0;
}
