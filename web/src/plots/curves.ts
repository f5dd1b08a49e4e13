import uPlot from 'uplot';

export interface Curve {
  label: string;
  x: ArrayLike<number | null>;
  y: ArrayLike<number | null>;
}

const PALETTE = ['#1558b0', '#d9480f', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#5c940d', '#e67700'];
export const colorOf = (i: number) => PALETTE[i % PALETTE.length];

/** Sorts a curve by x, dropping points without both values. */
function sortedByX(c: Curve): [number[], number[]] {
  const idx: number[] = [];
  for (let i = 0; i < c.x.length; i++) if (c.x[i] !== null && c.y[i] !== null && Number.isFinite(c.x[i]) && Number.isFinite(c.y[i])) idx.push(i);
  idx.sort((a, b) => (c.x[a] as number) - (c.x[b] as number));
  return [idx.map((i) => c.x[i] as number), idx.map((i) => c.y[i] as number)];
}

/** Several curves with their own x values as one aligned table (uPlot.join fills gaps with null). */
export function joinCurves(curves: Curve[]): uPlot.AlignedData {
  if (curves.length === 0) return [[]];
  return uPlot.join(curves.map((c) => sortedByX(c) as uPlot.AlignedData));
}

/** Tick labels with enough significant digits for small quantities (0.0021 Ah, not 0). */
export function formatTicks(_u: uPlot, splits: number[]): string[] {
  const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : Math.abs(splits[0]) || 1;
  const decimals = Math.max(0, Math.min(8, -Math.floor(Math.log10(step)) + 1));
  if (step >= 1 && Number.isInteger(step)) return splits.map((v) => v.toLocaleString('en-GB', { maximumFractionDigits: 0 }));
  return splits.map((v) => v.toFixed(decimals));
}
