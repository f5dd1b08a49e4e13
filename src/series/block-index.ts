/** Rows per block of the min/max index: small enough for cheap edges, large enough to skip most rows. */
export const BLOCK_ROWS = 1024;

/**
 * Per-block minimum and maximum (and the rows holding them) of one column, NaN ignored.
 * Lets M4 find a pixel column's extremes by reading whole blocks once, so a 10-million-row
 * window costs ~10,000 block reads plus two partial blocks per pixel column.
 */
export interface BlockIndex {
  minRow: Int32Array;
  maxRow: Int32Array;
}

/** Builds the index in one pass (−1 for a block with no finite value). */
export function buildBlockIndex(values: Float64Array): BlockIndex {
  const blocks = Math.ceil(values.length / BLOCK_ROWS);
  const minRow = new Int32Array(blocks);
  const maxRow = new Int32Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const e = scanExtremes(values, b * BLOCK_ROWS, Math.min(values.length, (b + 1) * BLOCK_ROWS));
    minRow[b] = e.minRow;
    maxRow[b] = e.maxRow;
  }
  return { minRow, maxRow };
}

/** Rows of the minimum and maximum finite value in [start, end); −1 when there is none. */
export function rangeExtremes(values: Float64Array, index: BlockIndex, start: number, end: number): { minRow: number; maxRow: number } {
  const firstFull = Math.ceil(start / BLOCK_ROWS);
  const lastFull = Math.floor(end / BLOCK_ROWS);
  if (firstFull >= lastFull) return scanExtremes(values, start, end);
  let { minRow, maxRow } = scanExtremes(values, start, firstFull * BLOCK_ROWS);
  for (let b = firstFull; b < lastFull; b++) {
    const lo = index.minRow[b];
    if (lo < 0) continue;
    const hi = index.maxRow[b];
    if (minRow < 0 || values[lo] < values[minRow]) minRow = lo;
    if (maxRow < 0 || values[hi] > values[maxRow]) maxRow = hi;
  }
  const tail = scanExtremes(values, lastFull * BLOCK_ROWS, end);
  if (tail.minRow >= 0) {
    if (minRow < 0 || values[tail.minRow] < values[minRow]) minRow = tail.minRow;
    if (maxRow < 0 || values[tail.maxRow] > values[maxRow]) maxRow = tail.maxRow;
  }
  return { minRow, maxRow };
}

function scanExtremes(values: Float64Array, start: number, end: number): { minRow: number; maxRow: number } {
  let minRow = -1;
  let maxRow = -1;
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const v = values[i];
    // NaN fails both comparisons, so missing values are skipped for free.
    if (v < min) {
      min = v;
      minRow = i;
    }
    if (v > max) {
      max = v;
      maxRow = i;
    }
  }
  return { minRow, maxRow };
}
