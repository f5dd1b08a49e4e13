/**
 * Savitzky–Golay filters on evenly spaced samples (quadratic fit over 2m+1 points), closed forms
 * from Savitzky & Golay (1964): smoothing weights (3(3m²+3m−1) − 15k²) / ((2m−1)(2m+1)(2m+3)),
 * first-derivative weights k / Σk² / h. Near the ends the window shrinks symmetrically; the
 * two end points of the derivative are NaN. NaN inputs propagate to the outputs they touch.
 */
export function savitzkyGolaySmooth(y: Float64Array, halfWindow: number): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const m = Math.min(halfWindow, i, y.length - 1 - i);
    if (m < 2) {
      out[i] = y[i];
      continue;
    }
    const norm = (2 * m - 1) * (2 * m + 1) * (2 * m + 3);
    let sum = 0;
    for (let k = -m; k <= m; k++) sum += ((3 * (3 * m * m + 3 * m - 1) - 15 * k * k) / norm) * y[i + k];
    out[i] = sum;
  }
  return out;
}

/** First derivative dy/dx of evenly spaced samples (spacing `step`), quadratic Savitzky–Golay. */
export function savitzkyGolayDerivative(y: Float64Array, halfWindow: number, step: number): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const m = Math.min(halfWindow, i, y.length - 1 - i);
    if (m < 1) {
      out[i] = Number.NaN;
      continue;
    }
    const sumK2 = (m * (m + 1) * (2 * m + 1)) / 3;
    let sum = 0;
    for (let k = 1; k <= m; k++) sum += k * (y[i + k] - y[i - k]);
    out[i] = sum / sumK2 / step;
  }
  return out;
}
