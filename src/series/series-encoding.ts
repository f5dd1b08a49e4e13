import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { SeriesResult } from './series-query.js';

/** Compact JSON body: `{columns: {name: number[]}, rows, downsampled, from, to}`; NaN (missing) as null. */
export function encodeSeriesJson(result: SeriesResult): string {
  const columns: Record<string, (number | null)[]> = {};
  for (const [name, values] of result.columns) {
    const list = new Array<number | null>(values.length);
    for (let i = 0; i < values.length; i++) list[i] = Number.isFinite(values[i]) ? values[i] : null;
    columns[name] = list;
  }
  return JSON.stringify({ columns, rows: result.rows, downsampled: result.downsampled, from: result.fromS, to: result.toS });
}

/** Arrow IPC stream: one Float64 column per series column; rows, downsampled and window in the schema metadata. */
export function encodeSeriesArrow(result: SeriesResult): Uint8Array<ArrayBuffer> {
  const table = tableFromArrays(Object.fromEntries(result.columns));
  table.schema.metadata.set('rows', String(result.rows));
  table.schema.metadata.set('downsampled', String(result.downsampled));
  table.schema.metadata.set('from', String(result.fromS));
  table.schema.metadata.set('to', String(result.toS));
  return tableToIPC(table, 'stream') as Uint8Array<ArrayBuffer>;
}
