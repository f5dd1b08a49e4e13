import { describe, expect, it } from 'vitest';
import { computeCompositionPercent } from './composition.js';
import { ValidationError } from './errors.js';

describe('computeCompositionPercent', () => {
  it('normalises relative amounts to percentages', () => {
    expect(computeCompositionPercent([90, 5, 5])).toEqual([90, 5, 5]);
    expect(computeCompositionPercent([3, 1])).toEqual([75, 25]);
    const p = computeCompositionPercent([0.96, 0.02, 0.02]);
    expect(p[0]).toBeCloseTo(96, 10);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    expect(computeCompositionPercent([])).toEqual([]);
    expect(computeCompositionPercent([2, 0])).toEqual([100, 0]);
  });

  it('rejects negative, non-finite and all-zero amounts', () => {
    expect(() => computeCompositionPercent([1, -1])).toThrow(ValidationError);
    expect(() => computeCompositionPercent([Number.NaN])).toThrow(ValidationError);
    expect(() => computeCompositionPercent([0, 0])).toThrow('must not all be zero');
  });
});
