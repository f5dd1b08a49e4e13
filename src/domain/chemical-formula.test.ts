import { describe, expect, it } from 'vitest';
import { parseChemicalFormula } from './chemical-formula.js';
import { atomicWeightGPerMol } from './elements.js';
import { ValidationError } from './errors.js';

describe('parseChemicalFormula', () => {
  it('computes molar masses of common battery materials', () => {
    expect(parseChemicalFormula('LiPF6').molarMassGPerMol).toBeCloseTo(151.9, 1);
    expect(parseChemicalFormula('LiCoO2').molarMassGPerMol).toBeCloseTo(97.87, 2);
    expect(parseChemicalFormula('LiFePO4').molarMassGPerMol).toBeCloseTo(157.76, 2);
    expect(parseChemicalFormula('C6').molarMassGPerMol).toBeCloseTo(72.066, 3);
    expect(parseChemicalFormula('H2O').molarMassGPerMol).toBeCloseTo(18.015, 3);
  });

  it('handles decimal subscripts and parentheses identically', () => {
    const flat = parseChemicalFormula('LiNi0.8Mn0.1Co0.1O2');
    const grouped = parseChemicalFormula('Li(Ni0.8Mn0.1Co0.1)O2');
    expect(flat.elements).toEqual({ Li: 1, Ni: 0.8, Mn: 0.1, Co: 0.1, O: 2 });
    expect(grouped.elements).toEqual(flat.elements);
    expect(flat.molarMassGPerMol).toBeCloseTo(97.28, 2);
  });

  it('multiplies nested groups and hydrates', () => {
    expect(parseChemicalFormula('Ca3(PO4)2').elements).toEqual({ Ca: 3, P: 2, O: 8 });
    expect(parseChemicalFormula('K4[Fe(CN)6]').elements).toEqual({ K: 4, Fe: 1, C: 6, N: 6 });
    const hydrate = parseChemicalFormula('CuSO4·5H2O');
    expect(hydrate.elements).toEqual({ Cu: 1, S: 1, O: 9, H: 10 });
    expect(hydrate.molarMassGPerMol).toBeCloseTo(249.68, 1);
    expect(parseChemicalFormula('LiOH·H2O').elements).toEqual({ Li: 1, O: 2, H: 3 });
    expect(parseChemicalFormula('Li2CO3 ').elements).toEqual({ Li: 2, C: 1, O: 3 });
  });

  it('knows every element up to oganesson', () => {
    expect(Object.keys(atomicWeightGPerMol)).toHaveLength(118);
    expect(parseChemicalFormula('Og').molarMassGPerMol).toBe(294);
  });

  it.each([
    ['', 'empty formula'],
    ['Xx2', 'unknown element "Xx"'],
    ['Li2Q', 'unknown element "Q"'],
    ['li2O', 'capital letter'],
    ['Li(NiO2', 'unclosed "("'],
    ['LiO2)', 'unexpected ")"'],
    ['Li0O', 'greater than zero'],
    ['Li-O', 'unexpected "-"'],
    ['()', 'expected an element'],
    ['H2O·', 'expected an element'],
  ])('rejects %j naming the problem', (formula, message) => {
    try {
      parseChemicalFormula(formula);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).message).toContain(message);
      expect((err as ValidationError).details?.issues?.[0].field).toBe('formula');
    }
  });
});
