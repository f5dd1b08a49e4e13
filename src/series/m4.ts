import type { BlockIndex } from './block-index.js';
import { rangeExtremes } from './block-index.js';

/** A half-open run of row indices [start, end). */
export interface RowRange {
  start: number;
  end: number;
}

export interface M4Input {
  /** Test time (s) of every row, non-decreasing. */
  timeS: Float64Array;
  /** The value columns to keep the shape of, with their block indexes. */
  ys: { values: Float64Array; index: BlockIndex }[];
  /** Rows to consider, ascending and disjoint (a time window, possibly cut to chosen cycles). */
  ranges: RowRange[];
  /** Pixel columns across [fromS, toS]. */
  buckets: number;
  fromS: number;
  toS: number;
}

/**
 * M4 (Jugel et al., VLDB 2014; as in Mosaic's m4): for each pixel column over time keep the
 * first and last row and, per value column, the rows holding its minimum and maximum. A line
 * drawn through the kept rows is pixel-identical to one drawn through all of them.
 * Returns the kept row indices, ascending and distinct. Needs time sorted (binary search).
 */
export function selectM4Rows(input: M4Input): Int32Array {
  const { timeS, ys, ranges, buckets, fromS, toS } = input;
  const k = ys.length;
  const out = new Int32Array(buckets * (2 + 2 * k));
  let n = 0;
  const width = (toS - fromS) / buckets;
  // One pixel column may gather pieces of several ranges (chosen cycles): combine them before emitting.
  let current = -1;
  let first = -1;
  let last = -1;
  const minRow = new Int32Array(k);
  const maxRow = new Int32Array(k);
  const flush = () => {
    if (current < 0) return;
    out[n++] = first;
    out[n++] = last;
    for (let j = 0; j < k; j++) {
      if (minRow[j] >= 0) {
        out[n++] = minRow[j];
        out[n++] = maxRow[j];
      }
    }
  };
  for (const range of ranges) {
    let start = range.start;
    while (start < range.end) {
      const b = Math.min(buckets - 1, Math.max(0, Math.floor((timeS[start] - fromS) / width)));
      const boundary = b === buckets - 1 ? range.end : lowerBound(timeS, fromS + (b + 1) * width, start, range.end);
      const stop = Math.max(boundary, start + 1);
      if (b !== current) {
        flush();
        current = b;
        first = start;
        minRow.fill(-1);
        maxRow.fill(-1);
      }
      last = stop - 1;
      for (let j = 0; j < k; j++) {
        const { values, index } = ys[j];
        const e = rangeExtremes(values, index, start, stop);
        if (e.minRow < 0) continue;
        if (minRow[j] < 0 || values[e.minRow] < values[minRow[j]]) minRow[j] = e.minRow;
        if (maxRow[j] < 0 || values[e.maxRow] > values[maxRow[j]]) maxRow[j] = e.maxRow;
      }
      start = stop;
    }
  }
  flush();
  return sortedDistinct(out.subarray(0, n));
}

/** First index in [lo, hi) of an ascending array whose value is ≥ t (hi when none). */
export function lowerBound(sorted: Float64Array, t: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [lo, hi) of an ascending array whose value is > t (hi when none). */
export function upperBound(sorted: Float64Array, t: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sortedDistinct(rows: Int32Array): Int32Array {
  rows.sort();
  let k = 0;
  for (let i = 0; i < rows.length; i++) if (k === 0 || rows[i] !== rows[k - 1]) rows[k++] = rows[i];
  return rows.slice(0, k);
}
