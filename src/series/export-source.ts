import { Readable } from 'node:stream';
import { openSeries, type SeriesEngine } from './series-engine.js';
import { sqlString } from './duckdb.js';
import { exportColumns, streamSeriesCsv } from './series-export.js';

export type SeriesExportFormat = 'csv' | 'parquet' | 'bdf-csv';
export const SERIES_EXPORT_FORMATS = ['csv', 'parquet', 'bdf-csv'] as const;
export const PARQUET_CONTENT_TYPE = 'application/vnd.apache.parquet';

/** The download name of an export: the raw file's base name with the format's extension. */
export function exportFileName(originalName: string, format: SeriesExportFormat): string {
  const base = originalName.replace(/\.[^./\\]*$/, '') || originalName;
  return `${base}${format === 'parquet' ? '.parquet' : format === 'bdf-csv' ? '.bdf.csv' : '.csv'}`;
}

/** A data file's normalised series in an export format, as a byte stream (never all in memory). */
export async function openSeriesExport(engine: SeriesEngine, seriesKey: string, format: SeriesExportFormat): Promise<{ body: ReadableStream<Uint8Array>; contentType: string }> {
  if (format === 'parquet') {
    const stream = await engine.blobStore.getStream(seriesKey);
    return { body: Readable.toWeb(stream) as ReadableStream<Uint8Array>, contentType: PARQUET_CONTENT_TYPE };
  }
  const handle = await openSeries(engine, seriesKey);
  return { body: streamSeriesCsv(`read_parquet(${sqlString(handle.path)})`, exportColumns(handle.columnNames, format)), contentType: 'text/csv; charset=utf-8' };
}
