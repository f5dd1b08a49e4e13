import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CanonicalColumn as C } from '../domain/canonical-columns.js';
import type { ColumnShift } from './chain-offsets.js';
import { sqlIdentifier, sqlString, withDuckDb } from './duckdb.js';
import { PARQUET_CONTENT_TYPE, type SeriesExportFormat } from './export-source.js';
import type { JoinedPart } from './joined-series.js';
import type { SeriesEngine } from './series-engine.js';
import { exportColumns, streamSeriesCsv } from './series-export.js';

/** A number as a DuckDB literal of the right type: an integer stays an integer (stored INTEGER columns print as such). */
const literal = (x: number) => (Number.isInteger(x) ? String(x) : `CAST(${sqlString(String(x))} AS DOUBLE)`);

/** The SQL form of a `ColumnShift` (the same rule as `shiftColumn` applies to decoded columns). */
function shiftSql(s: ColumnShift): string {
  const column = sqlIdentifier(s.column);
  const shifted = `${column} + ${literal(s.add)}`;
  const value = s.throughCycle === undefined ? shifted : `CASE WHEN ${sqlIdentifier(C.CycleCount)} <= ${literal(s.throughCycle)} THEN ${shifted} ELSE ${column} END`;
  return `${value} AS ${column}`;
}

/**
 * A DuckDB table expression of a joined chain: each file's Parquet with its shifts, in chain
 * then row order; a column one file lacks is null there.
 */
export function joinedSeriesSql(parts: readonly JoinedPart[]): string {
  const selects = parts.map((p, k) => {
    const shifts = p.shifts.filter((s) => p.handle.columnNames.includes(s.column));
    const replace = shifts.length > 0 ? ` REPLACE (${shifts.map(shiftSql).join(', ')})` : '';
    return `SELECT ${k} AS __part, file_row_number AS __row, * EXCLUDE (file_row_number)${replace} FROM read_parquet(${sqlString(p.handle.path)}, file_row_number = true)`;
  });
  return `(SELECT * EXCLUDE (__part, __row) FROM (${selects.join(' UNION ALL BY NAME ')}) ORDER BY __part, __row)`;
}

/**
 * A joined chain in an export format, as a byte stream: CSV straight from the query; Parquet
 * written to a temporary file under `DATA_DIR/cache/joined` (removed once sent or dropped).
 */
export async function openJoinedExport(engine: SeriesEngine, parts: readonly JoinedPart[], format: SeriesExportFormat): Promise<{ body: ReadableStream<Uint8Array>; contentType: string }> {
  const source = joinedSeriesSql(parts);
  const stored = [...new Set(parts.flatMap((p) => p.handle.columnNames))];
  if (format !== 'parquet') return { body: streamSeriesCsv(source, exportColumns(stored, format)), contentType: 'text/csv; charset=utf-8' };
  const dir = join(engine.dataDir, 'cache', 'joined');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.parquet`);
  try {
    await withDuckDb((conn) => conn.run(`COPY (SELECT * FROM ${source}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 131072)`));
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  const file = createReadStream(path);
  file.on('close', () => void rm(path, { force: true }));
  return { body: Readable.toWeb(file) as ReadableStream<Uint8Array>, contentType: PARQUET_CONTENT_TYPE };
}
