import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../api/app-deps.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import { ValidationError } from '../domain/errors.js';
import { harvesterNameOf, HARVESTER_HEADER, logSend } from '../monitor/append-log.repository.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { appendToDataFile } from './append.service.js';
import { requeueDataFile } from './requeue.service.js';
import { receiveMultipart } from './multipart-upload.js';
import { parseUploadFields } from './upload-fields.js';
import { assertCanAddFiles, COMPANION_FIELDS, createUploadedDataFile } from './upload.service.js';

const FILE_FIELDS = new Set(['file', ...COMPANION_FIELDS]);

const idParam = (c: { req: { param(name: string): string } }, name = 'id'): number => {
  const id = Number(c.req.param(name));
  if (!Number.isInteger(id) || id <= 0) throw new ValidationError(`Invalid ${name}`, [{ field: name, message: 'must be a positive integer' }]);
  return id;
};

const errorShape = { content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }) } } };
const queuedShape = (description: string) => ({
  description,
  content: { 'application/json': { schema: z.object({ dataFileId: z.number().int(), jobId: z.number().int(), state: z.literal('queued') }) } },
});

/** Upload (POST /experiments/:id/files), retry and reprocess of data files. */
export function registerIngestRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const store = openBlobStore(deps.config);

  // The body is streamed by hand (busboy), so the route is documented in the registry rather than validated by zod.
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/v1/experiments/{id}/files',
    summary: 'Upload a data file (multipart: file, optional settings / binary / metadata companions; fields name, equipmentId, deviceIds, format, timezone, columnMappingId). Returns at once with the file queued for parsing.',
    request: {
      params: z.object({ id: z.string() }),
      body: {
        content: {
          'multipart/form-data': {
            schema: z.object({
              file: z.string().openapi({ format: 'binary' }),
              settings: z.string().openapi({ format: 'binary' }).optional(),
              binary: z.string().openapi({ format: 'binary' }).optional(),
              metadata: z.string().openapi({ format: 'binary' }).optional(),
              name: z.string().optional(),
              equipmentId: z.string().optional(),
              deviceIds: z.string().optional().openapi({ description: 'Comma-separated ids or a JSON array' }),
              format: z.string().optional().openapi({ description: 'Force a parser by registry name instead of detection' }),
              timezone: z.string().optional().openapi({ description: 'IANA zone the cycler clock was in' }),
              columnMappingId: z.string().optional().openapi({ description: 'Saved column mapping to parse a generic CSV with (kept in the data file attributes)' }),
            }),
          },
        },
      },
    },
    responses: {
      201: queuedShape('Stored and queued'),
      409: { description: 'The same file is already in this experiment (error.dataFileId names it)', ...errorShape },
      408: { description: 'The body sent nothing for UPLOAD_IDLE_TIMEOUT_S; the partial file was removed', ...errorShape },
      413: { description: 'Larger than MAX_UPLOAD_BYTES', ...errorShape },
    },
  });
  app.post('/api/v1/experiments/:id/files', async (c) => {
    const viewer = viewerOf(c, deps.config.anonymousRead);
    const experiment = await assertCanAddFiles(deps.db, viewer, idParam(c));
    const { files, fields } = await receiveMultipart(store, c.req.raw, { maxBytes: deps.config.maxUploadBytes, fileFields: FILE_FIELDS, idleTimeoutMs: deps.config.uploadIdleTimeoutMs });
    const main = files.find((f) => f.field === 'file');
    if (!main) throw new ValidationError('No file uploaded', [{ field: 'file', message: 'a "file" part is required' }]);
    const harvesterName = harvesterNameOf(c.req.header(HARVESTER_HEADER));
    const created = await createUploadedDataFile(deps.db, viewer, experiment, main, files.filter((f) => f !== main), parseUploadFields(fields));
    const at = deps.now?.() ?? new Date();
    if (harvesterName) await logSend(deps.db, { ...created, kind: 'upload', bytes: main.blob.sizeBytes, sizeBytes: main.blob.sizeBytes, harvesterName, at });
    return c.json({ ...created, state: 'queued' as const }, 201);
  });

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/v1/data-files/{id}/append',
    summary:
      'Append the new bytes of a file that grew (a cycler still writing it) to a data file, or replace its raw file (offset 0, a rewritten file); queues it for parsing. The stored prefix must match: offset = stored size and tailSha256 = sha256 of the sender’s last 64 KiB before offset, else 409 with storedSize and sha256.',
    request: {
      params: z.object({ id: z.string() }),
      query: z.object({
        offset: z.string().openapi({ description: 'Byte offset the body starts at: the stored size, or 0 to replace' }),
        tailSha256: z.string().optional().openapi({ description: 'sha256 (hex) of the sender’s bytes [offset − min(offset, 65536), offset); required when offset > 0' }),
      }),
      body: { content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
    },
    responses: {
      202: {
        description: 'Stored and queued (jobId null and change "unchanged" when nothing new arrived)',
        content: { 'application/json': { schema: z.object({ dataFileId: z.number().int(), jobId: z.number().int().nullable(), sizeBytes: z.number().int(), sha256: z.string(), change: z.enum(['appended', 'replaced', 'unchanged']) }) } },
      },
      409: { description: 'The stored prefix differs (error.reason offset | prefix | concurrent; error.storedSize, error.sha256, error.tailSha256 of its last 64 KiB)', ...errorShape },
      413: { description: 'The grown file would be larger than MAX_UPLOAD_BYTES', ...errorShape },
    },
  });
  app.post('/api/v1/data-files/:id/append', async (c) => {
    const offset = Number(c.req.query('offset'));
    if (!Number.isSafeInteger(offset) || offset < 0) throw new ValidationError('Invalid offset', [{ field: 'offset', message: 'must be a byte offset (integer ≥ 0)' }]);
    const tailSha256 = c.req.query('tailSha256');
    if (offset > 0 && !/^[0-9a-f]{64}$/.test(tailSha256 ?? '')) throw new ValidationError('Invalid tailSha256', [{ field: 'tailSha256', message: 'the sha256 (64 lowercase hex digits) of the last 64 KiB before offset is required' }]);
    const body = c.req.raw.body ?? (async function* () {})();
    const harvesterName = harvesterNameOf(c.req.header(HARVESTER_HEADER));
    const outcome = await appendToDataFile(deps.db, store, viewerOf(c, deps.config.anonymousRead), idParam(c), { offset, tailSha256 }, body as AsyncIterable<Uint8Array>, deps.config.maxUploadBytes);
    if (outcome.change !== 'unchanged') {
      const bytes = outcome.change === 'appended' ? outcome.sizeBytes - offset : outcome.sizeBytes;
      await logSend(deps.db, { ...outcome, kind: outcome.change === 'appended' ? 'append' : 'replace', bytes, harvesterName, at: deps.now?.() ?? new Date() });
    }
    return c.json(outcome, 202);
  });

  for (const action of ['retry', 'reprocess'] as const) {
    app.openAPIRegistry.registerPath({
      method: 'post',
      path: `/api/v1/data-files/{id}/${action}`,
      summary:
        action === 'retry'
          ? 'Queue a failed data file for parsing again'
          : 'Parse a data file again with the current parser version (the version that produced the stored data is kept on the file and in its version history)',
      request: { params: z.object({ id: z.string() }) },
      responses: { 202: queuedShape('Queued'), 409: { description: 'Not in a state that allows this', ...errorShape } },
    });
    app.post(`/api/v1/data-files/:id/${action}`, async (c) => {
      const result = await requeueDataFile(deps.db, viewerOf(c, deps.config.anonymousRead), idParam(c), action);
      return c.json({ ...result, state: 'queued' as const }, 202);
    });
  }
}
