import { describe, expect, it } from 'vitest';
import { resolveEffectiveValues, resolveInheritedMetadata, type SpecificationNode } from './specification-inheritance.js';

const pack: SpecificationNode<number> = {
  id: 1,
  values: [
    { parameterId: 10, value: 3.6, inheritable: true },
    { parameterId: 11, value: 400, inheritable: false },
    { parameterId: 12, value: 4.2, inheritable: true },
  ],
  metadata: { chemistry: 'NMC811', supplier: { name: 'A', country: 'UK' }, grade: 'A' },
};
const moduleSpec: SpecificationNode<number> = {
  id: 2,
  values: [{ parameterId: 12, value: 4.15, inheritable: false }],
  metadata: { supplier: { country: 'DE' }, grade: null },
};
const cell: SpecificationNode<number> = { id: 3, values: [{ parameterId: 13, value: 5, inheritable: false }], metadata: { format: '21700' } };

describe('resolveEffectiveValues', () => {
  it('inherits inheritable ancestor values unless a nearer node overrides them', () => {
    expect(resolveEffectiveValues([pack, moduleSpec, cell])).toEqual([
      { parameterId: 10, value: 3.6, inheritable: true, sourceSpecificationId: 1, inherited: true },
      // The module overrides 12 but does not pass it on; the pack's inheritable 4.2 must not come back.
      { parameterId: 13, value: 5, inheritable: false, sourceSpecificationId: 3, inherited: false },
    ]);
  });

  it('keeps a node its own non-inheritable values', () => {
    const values = resolveEffectiveValues([pack, moduleSpec]);
    expect(values.map((v) => [v.parameterId, v.value, v.inherited])).toEqual([
      [10, 3.6, true],
      [12, 4.15, false],
    ]);
    expect(resolveEffectiveValues([pack]).map((v) => v.parameterId)).toEqual([10, 11, 12]);
    expect(resolveEffectiveValues([])).toEqual([]);
  });
});

describe('resolveInheritedMetadata', () => {
  it('merges nested metadata down the tree; null removes a key', () => {
    expect(resolveInheritedMetadata([pack, moduleSpec, cell])).toEqual({
      chemistry: 'NMC811',
      supplier: { name: 'A', country: 'DE' },
      format: '21700',
    });
  });
});
