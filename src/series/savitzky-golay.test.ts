import { describe, expect, it } from 'vitest';
import { savitzkyGolayDerivative, savitzkyGolaySmooth } from './savitzky-golay.js';

describe('Savitzky–Golay', () => {
  const x = Float64Array.from({ length: 101 }, (_, i) => i * 0.1);
  it('reproduces a quadratic exactly and differentiates it exactly', () => {
    const y = x.map((v) => 2 * v * v - 3 * v + 1);
    const s = savitzkyGolaySmooth(y, 5);
    const d = savitzkyGolayDerivative(y, 5, 0.1);
    for (let i = 0; i < x.length; i++) expect(s[i]).toBeCloseTo(y[i], 9);
    for (let i = 1; i < x.length - 1; i++) expect(d[i]).toBeCloseTo(4 * x[i] - 3, 9);
    expect(d[0]).toBeNaN();
  });
  it('reduces noise', () => {
    let seed = 7;
    const noise = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 0.2;
    const y = x.map((v) => Math.sin(v) + noise());
    const s = savitzkyGolaySmooth(y, 6);
    let before = 0;
    let after = 0;
    for (let i = 6; i < x.length - 6; i++) {
      before += (y[i] - Math.sin(x[i])) ** 2;
      after += (s[i] - Math.sin(x[i])) ** 2;
    }
    expect(after).toBeLessThan(before / 3);
  });
});
