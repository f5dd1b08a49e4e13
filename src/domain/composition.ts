import { ValidationError } from './errors.js';

/** Percentages (summing to 100) from relative amounts in any common unit (mass ratio 90:5:5, fractions...). */
export function computeCompositionPercent(relativeAmounts: readonly number[]): number[] {
  relativeAmounts.forEach((amount, i) => {
    if (!Number.isFinite(amount) || amount < 0) {
      throw new ValidationError(`Relative amount ${amount} must be a non-negative number`, [
        { field: `compounds.${i}.relative_amount`, message: 'must be a non-negative number' },
      ]);
    }
  });
  const total = relativeAmounts.reduce((a, b) => a + b, 0);
  if (relativeAmounts.length > 0 && total === 0) {
    throw new ValidationError('Relative amounts must not all be zero', [{ field: 'compounds', message: 'relative amounts must not all be zero' }]);
  }
  return relativeAmounts.map((amount) => (amount / total) * 100);
}
