import { savitzkyGolayDerivative, savitzkyGolaySmooth } from './savitzky-golay.js';

/** dy/dx on an even grid of x: bin centres and the smoothed derivative there. */
export interface BinnedDerivative {
  x: Float64Array;
  dydx: Float64Array;
}

/**
 * Differentiates noisy samples y(x) (e.g. capacity vs voltage during a constant-current step):
 * bins the samples on `bins` equal x intervals (mean y per bin, empty bins interpolated),
 * smooths with a quadratic Savitzky–Golay filter over 2·halfWindow+1 bins and takes its
 * derivative. Binning first makes the result independent of the sampling rate and of
 * repeated x values; smoothing the binned curve keeps peak positions (unlike a moving mean).
 */
export function binnedDerivative(xs: ArrayLike<number>, ys: ArrayLike<number>, bins: number, halfWindow: number): BinnedDerivative {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    lo = Math.min(lo, xs[i]);
    hi = Math.max(hi, xs[i]);
  }
  if (!(hi > lo) || bins < 3) return { x: new Float64Array(0), dydx: new Float64Array(0) };
  const width = (hi - lo) / bins;
  const sum = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    const b = Math.min(bins - 1, Math.floor((xs[i] - lo) / width));
    sum[b] += ys[i];
    count[b]++;
  }
  const x = Float64Array.from({ length: bins }, (_, b) => lo + (b + 0.5) * width);
  const y = fillGaps(Float64Array.from(sum, (s, b) => (count[b] > 0 ? s / count[b] : Number.NaN)));
  const dydx = savitzkyGolayDerivative(savitzkyGolaySmooth(y, halfWindow), halfWindow, width);
  return { x, dydx };
}

/** Linear interpolation over NaN runs between finite neighbours; the ends take the nearest finite value. */
function fillGaps(y: Float64Array): Float64Array {
  let prev = -1;
  for (let i = 0; i <= y.length; i++) {
    if (i < y.length && Number.isNaN(y[i])) continue;
    for (let j = prev + 1; j < i; j++) {
      if (prev < 0) y[j] = y[i];
      else if (i === y.length) y[j] = y[prev];
      else y[j] = y[prev] + ((y[i] - y[prev]) * (j - prev)) / (i - prev);
    }
    prev = i;
  }
  return y;
}
