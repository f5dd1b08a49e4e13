import type { DuckDBConnection } from '@duckdb/node-api';
import { CanonicalColumn } from '../domain/canonical-columns.js';
import { connectDuckDb, sqlIdentifier } from './duckdb.js';

export type ExportFormat = 'csv' | 'bdf-csv';

const CANONICAL_ORDER: readonly string[] = Object.values(CanonicalColumn);
const TEMPERATURE_CHANNEL = /^Temperature T\d+ \/ degC$/;

/**
 * Columns of an export, in order. `csv`: every stored column (BDF names, plus columns kept under
 * their original header). `bdf-csv`: only Battery Data Format columns, in BDF order.
 */
export function exportColumns(stored: readonly string[], format: ExportFormat): string[] {
  if (format === 'csv') return [...stored];
  const bdf = stored.filter((c) => CANONICAL_ORDER.includes(c) || TEMPERATURE_CHANNEL.test(c));
  return bdf.sort((a, b) => rank(a) - rank(b));
}

function rank(name: string): number {
  const i = CANONICAL_ORDER.indexOf(name);
  return i >= 0 ? i : CANONICAL_ORDER.length + Number(/\d+/.exec(name)?.[0] ?? 0);
}

/** A CSV header cell (quoted when it holds a comma, quote or newline). */
function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The series of `source` (a DuckDB table expression: `read_parquet('…')`, or a joined chain's
 * query) as CSV, produced chunk by chunk as the client reads (2048 rows per pull), so a
 * 10-million-row file never sits in memory. DuckDB formats the numbers (shortest round-trip
 * form; empty for missing values, null or NaN).
 */
export function streamSeriesCsv(source: string, columns: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let conn: DuckDBConnection | null = null;
  let result: Awaited<ReturnType<DuckDBConnection['stream']>> | null = null;
  const close = () => {
    conn?.closeSync();
    conn = null;
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      conn = await connectDuckDb();
      const line = columns.map((c) => `coalesce(nullif(CAST(${sqlIdentifier(c)} AS VARCHAR), 'nan'), '')`).join(` || ',' || `);
      result = await conn.stream(`SELECT ${line} FROM ${source}`);
      controller.enqueue(encoder.encode(`${columns.map(csvCell).join(',')}\n`));
    },
    async pull(controller) {
      try {
        const chunk = await result!.fetchChunk();
        if (!chunk || chunk.rowCount === 0) {
          close();
          controller.close();
          return;
        }
        const lines = chunk.getColumnValues(0) as string[];
        controller.enqueue(encoder.encode(`${lines.join('\n')}\n`));
      } catch (err) {
        close();
        controller.error(err);
      }
    },
    cancel() {
      close();
    },
  });
}
