import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

let instance: Promise<DuckDBInstance> | null = null;

/**
 * A connection to the process's one in-memory DuckDB (it only reads and writes Parquet files).
 * Two threads: the machine's cores are shared with the web server and the ingest workers.
 */
export async function connectDuckDb(): Promise<DuckDBConnection> {
  instance ??= DuckDBInstance.create(':memory:', { threads: '2' });
  return (await instance).connect();
}

/** Runs `fn` on a fresh connection and closes it afterwards. */
export async function withDuckDb<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const conn = await connectDuckDb();
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
  }
}

/** A SQL string literal (paths, column names in read_parquet arguments). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A quoted SQL identifier: BDF names contain spaces and slashes. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
