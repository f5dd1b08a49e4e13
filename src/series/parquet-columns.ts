import duckdbBindings from '@duckdb/node-bindings';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlIdentifier, sqlString } from './duckdb.js';

/** Name and DuckDB type of every column of a Parquet file, in file order. */
export async function describeParquet(conn: DuckDBConnection, path: string): Promise<{ name: string; type: string }[]> {
  const reader = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(path)})`);
  return reader.getRowObjectsJS().map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
}

/** Row count from the Parquet footer (no data read). */
export async function countParquetRows(conn: DuckDBConnection, path: string): Promise<number> {
  const reader = await conn.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM read_parquet(${sqlString(path)})`);
  return Number(reader.getRowsJS()[0][0]);
}

/**
 * Reads whole columns as Float64Arrays (nulls become NaN), in file row order. Copies each
 * 2048-row chunk straight out of DuckDB's vector memory: boxing values one by one costs 10×.
 */
export async function readParquetColumns(conn: DuckDBConnection, path: string, names: readonly string[], rowCount: number): Promise<Float64Array[]> {
  const select = names.map((n) => `coalesce(CAST(${sqlIdentifier(n)} AS DOUBLE), 'NaN'::DOUBLE)`).join(', ');
  const result = await conn.stream(`SELECT ${select} FROM read_parquet(${sqlString(path)})`);
  const out = names.map(() => new Float64Array(rowCount));
  let offset = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    if (offset + n > rowCount) throw new Error(`${path}: more rows than the footer's ${rowCount}`);
    for (let c = 0; c < names.length; c++) {
      const vector = duckdbBindings.data_chunk_get_vector(chunk.chunk, c);
      const bytes = duckdbBindings.vector_get_data(vector, n * 8);
      out[c].set(new Float64Array(bytes.buffer, bytes.byteOffset, n), offset);
    }
    offset += n;
  }
  if (offset !== rowCount) throw new Error(`${path}: read ${offset} rows, the footer says ${rowCount}`);
  return out;
}
