import type { TextLine } from './text-lines.js';

/** A header cell split into a quantity name and a unit ('Current (A)' → 'Current', 'A'). */
export interface HeaderCell {
  /** The cell as written (trimmed). */
  text: string;
  name: string;
  unit: string | null;
}

const bracketed = /^(.*?)\s*[([]([^()[\]]*)[)\]]\s*$/;

/** Splits 'Name (unit)', 'Name(unit)', 'Name [unit]'; with `slash`, also BioLogic 'Ewe/V'. */
export function splitHeaderCell(cell: string, opts: { slash?: boolean } = {}): HeaderCell {
  const text = cell.trim();
  const m = bracketed.exec(text);
  if (m && m[1] !== '') return { text, name: m[1].trim(), unit: m[2].trim() };
  if (opts.slash) {
    const i = text.indexOf('/');
    if (i > 0 && i < text.length - 1) return { text, name: text.slice(0, i).trim(), unit: text.slice(i + 1).trim() };
  }
  return { text, name: text, unit: null };
}

/** Normalises a header token for matching: lower case, no BOM, no blanks or underscores. */
export function headerKey(text: string): string {
  return text.replace(/^\ufeff/, '').toLowerCase().replace(/[\s_]+/g, '');
}

/** The first line (within `lines`) satisfying `signature`, or undefined. */
export function findHeaderLine(lines: TextLine[], signature: (text: string) => boolean): TextLine | undefined {
  return lines.find((l) => signature(l.text));
}
