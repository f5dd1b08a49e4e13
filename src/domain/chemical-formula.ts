import { atomicWeightGPerMol } from './elements.js';
import { ValidationError } from './errors.js';

export interface ParsedFormula {
  /** Amount of each element per formula unit (may be fractional: LiNi0.8Mn0.1Co0.1O2). */
  elements: Record<string, number>;
  molarMassGPerMol: number;
}

// Hydrate/adduct separators: '·' (middle dot), '•' (bullet), '∙' and '*'. A plain '.' is a decimal point.
const hydrateSeparators = new Set(['·', '•', '∙', '*']);
const openers: Record<string, string> = { '(': ')', '[': ']' };

/** Parses a chemical formula such as `Li(Ni0.8Mn0.1Co0.1)O2` or `CuSO4·5H2O`; throws ValidationError naming the bad token. */
export function parseChemicalFormula(formula: string, field = 'formula'): ParsedFormula {
  const text = formula.replace(/\s+/g, '');
  const fail = (pos: number, why: string): never => {
    const token = text.slice(pos, pos + 3) || '(end)';
    throw new ValidationError(`Invalid chemical formula "${formula}": ${why} at "${token}" (position ${pos + 1})`, [
      { field, message: `${why} at "${token}" (position ${pos + 1})` },
    ]);
  };
  if (text.length === 0) fail(0, 'empty formula');
  let pos = 0;

  const readNumber = (): number | null => {
    const m = /^\d+(\.\d+)?|^\.\d+/.exec(text.slice(pos));
    if (!m) return null;
    const value = Number(m[0]);
    if (!(value > 0)) fail(pos, 'count must be greater than zero');
    pos += m[0].length;
    return value;
  };

  // group := (element count? | '(' group ')' count?)+
  const readGroup = (closer: string | null): Record<string, number> => {
    const counts: Record<string, number> = {};
    const start = pos;
    while (pos < text.length) {
      const ch = text[pos];
      if (closer !== null && ch === closer) break;
      if (hydrateSeparators.has(ch)) break;
      if (ch in openers) {
        const open = pos++;
        const inner = readGroup(openers[ch]);
        if (text[pos] !== openers[ch]) fail(open, `unclosed "${ch}"`);
        pos++;
        const n = readNumber() ?? 1;
        for (const [el, c] of Object.entries(inner)) counts[el] = (counts[el] ?? 0) + c * n;
        continue;
      }
      const m = /^[A-Z][a-z]?/.exec(text.slice(pos));
      if (!m) fail(pos, /[a-z]/.test(ch) ? 'element symbols start with a capital letter' : `unexpected "${ch}"`);
      let symbol = m![0];
      // "Co" vs "C"+"o": prefer the two-letter symbol only when it exists.
      if (symbol.length === 2 && !(symbol in atomicWeightGPerMol)) symbol = symbol[0];
      if (!(symbol in atomicWeightGPerMol)) fail(pos, `unknown element "${m![0]}"`);
      pos += symbol.length;
      const n = readNumber() ?? 1;
      counts[symbol] = (counts[symbol] ?? 0) + n;
    }
    if (pos === start) fail(pos, 'expected an element or "("');
    return counts;
  };

  const total: Record<string, number> = {};
  const addInto = (part: Record<string, number>, times: number) => {
    for (const [el, c] of Object.entries(part)) total[el] = (total[el] ?? 0) + c * times;
  };
  addInto(readGroup(null), 1);
  while (pos < text.length) {
    if (!hydrateSeparators.has(text[pos])) fail(pos, `unexpected "${text[pos]}"`);
    pos++;
    const times = readNumber() ?? 1;
    addInto(readGroup(null), times);
  }
  let molarMassGPerMol = 0;
  for (const [el, c] of Object.entries(total)) molarMassGPerMol += atomicWeightGPerMol[el] * c;
  for (const el of Object.keys(total)) total[el] = roundTo(total[el], 9);
  return { elements: total, molarMassGPerMol: roundTo(molarMassGPerMol, 6) };
}

// Decimal subscripts (0.8 + 0.1 + 0.1) leave binary noise; 9 places is far below any real precision.
function roundTo(value: number, places: number): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}
