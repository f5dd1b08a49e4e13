import { buildBlockIndex, type BlockIndex } from './block-index.js';

/** One column of a stored series, decoded, with its min/max block index. */
export interface CachedColumn {
  values: Float64Array;
  index: BlockIndex;
}

/**
 * Decoded columns of recently plotted series, least recently used dropped first once
 * `budgetBytes` is passed. Decoding a 10-million-row column from Parquet costs ~1 s; plotting
 * from memory costs milliseconds, and people pan and zoom the same file many times.
 */
export interface ColumnCache {
  get(fileKey: string, column: string): CachedColumn | undefined;
  put(fileKey: string, column: string, values: Float64Array): CachedColumn;
  readonly sizeBytes: number;
}

export function createColumnCache(budgetBytes: number): ColumnCache {
  const entries = new Map<string, CachedColumn>();
  let sizeBytes = 0;
  const bytesOf = (c: CachedColumn) => c.values.byteLength + c.index.minRow.byteLength * 2;
  return {
    get(fileKey, column) {
      const key = `${fileKey}\u0000${column}`;
      const hit = entries.get(key);
      if (hit) {
        // Map keeps insertion order: re-inserting marks the entry as most recently used.
        entries.delete(key);
        entries.set(key, hit);
      }
      return hit;
    },
    put(fileKey, column, values) {
      const key = `${fileKey}\u0000${column}`;
      const entry = { values, index: buildBlockIndex(values) };
      const old = entries.get(key);
      if (old) sizeBytes -= bytesOf(old);
      entries.delete(key);
      entries.set(key, entry);
      sizeBytes += bytesOf(entry);
      for (const [k, v] of entries) {
        if (sizeBytes <= budgetBytes || k === key) break;
        entries.delete(k);
        sizeBytes -= bytesOf(v);
      }
      return entry;
    },
    get sizeBytes() {
      return sizeBytes;
    },
  };
}
