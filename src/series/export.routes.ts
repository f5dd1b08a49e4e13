import { Readable } from 'node:stream';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../api/app-deps.js';
import { errorResponses } from '../api/error-responses.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import type { BlobStore } from '../storage/blob-store.js';
import { findVisibleDataFile } from './data-file-access.js';
import { openJoinedExport } from './joined-export.js';
import { JoinedParam, openDataSeries } from './series-source.js';
import { parseByteRange } from './byte-range.js';
import { IdParams } from './query-params.js';
import type { SeriesEngine } from './series-engine.js';
import { exportFileName, openSeriesExport, PARQUET_CONTENT_TYPE, SERIES_EXPORT_FORMATS } from './export-source.js';

const binary = (description: string, types: string[]) => ({
  description,
  content: Object.fromEntries(types.map((t) => [t, { schema: z.string().openapi({ format: 'binary' }) }])),
});

const exportRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-files/{id}/export',
  tags: ['data'],
  summary: 'The normalised series: CSV (all stored columns), Parquet (the stored file; byte ranges supported) or BDF CSV (Battery Data Format columns only)',
  request: { params: IdParams, query: z.object({ format: z.enum(SERIES_EXPORT_FORMATS).default('csv'), joined: JoinedParam }) },
  responses: { 200: binary('The file, streamed', ['text/csv', PARQUET_CONTENT_TYPE]), 206: binary('A byte range of the Parquet file', [PARQUET_CONTENT_TYPE]), ...errorResponses },
});

const rawRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-files/{id}/raw',
  tags: ['data'],
  summary: 'The raw file as uploaded: original name and bytes (byte ranges supported)',
  request: { params: IdParams },
  responses: { 200: binary('The raw bytes', ['application/octet-stream']), 206: binary('A byte range', ['application/octet-stream']), ...errorResponses },
});

/** `attachment; filename=…` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Streams a blob, honouring one `Range: bytes=…` header (pyarrow/fsspec read Parquet footers that way). */
async function sendBlob(c: Context, store: BlobStore, key: string, sizeBytes: number, headers: Record<string, string>): Promise<Response> {
  const range = parseByteRange(c.req.header('range'), sizeBytes);
  const common = { ...headers, 'accept-ranges': 'bytes' };
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...common, 'content-range': `bytes */${sizeBytes}` } });
  const stream = await store.getStream(key, range ?? undefined);
  const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  if (range) {
    const end = range.offset + range.length - 1;
    return new Response(body, { status: 206, headers: { ...common, 'content-length': String(range.length), 'content-range': `bytes ${range.offset}-${end}/${sizeBytes}` } });
  }
  return new Response(body, { status: 200, headers: { ...common, 'content-length': String(sizeBytes) } });
}

export function registerExportRoutes(app: OpenAPIHono, deps: AppDeps, engine: SeriesEngine): void {
  app.openapi(exportRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { format, joined } = c.req.valid('query');
    const { file, parts } = await openDataSeries(deps.db, viewerOf(c, deps.config.anonymousRead), engine, id, joined);
    const seriesKey = file.seriesKey;
    const fileName = exportFileName(file.originalName, format);
    if (parts.length > 1) {
      const { body, contentType } = await openJoinedExport(engine, parts, format);
      return new Response(body, { status: 200, headers: { 'content-type': contentType, 'content-disposition': contentDisposition(fileName) } }) as never;
    }
    if (format === 'parquet') {
      const size = await engine.blobStore.size(seriesKey);
      if (size === null) throw new Error(`Series blob ${seriesKey} of data file ${id} is missing`);
      return (await sendBlob(c, engine.blobStore, seriesKey, size, { 'content-type': PARQUET_CONTENT_TYPE, 'content-disposition': contentDisposition(fileName) })) as never;
    }
    const { body, contentType } = await openSeriesExport(engine, seriesKey, format);
    return new Response(body, { status: 200, headers: { 'content-type': contentType, 'content-disposition': contentDisposition(fileName) } }) as never;
  });

  app.openapi(rawRoute, async (c) => {
    const { id } = c.req.valid('param');
    const file = await findVisibleDataFile(deps.db, viewerOf(c, deps.config.anonymousRead), id);
    const headers = { 'content-type': 'application/octet-stream', 'content-disposition': contentDisposition(file.originalName) };
    return (await sendBlob(c, engine.blobStore, file.blobKey, file.sizeBytes, headers)) as never;
  });
}
