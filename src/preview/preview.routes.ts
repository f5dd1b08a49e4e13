import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../api/app-deps.js';
import { errorResponses } from '../api/error-responses.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import { findUsableMappings, getUsableMapping } from '../column-mappings/column-mapping.repository.js';
import { listMappableColumns } from '../column-mappings/mapping-vocabulary.js';
import { AppError, UnauthenticatedError } from '../domain/errors.js';
import { parsers } from '../parsers/registry.js';
import { readPreviewRequest } from './preview-request.js';
import { PREVIEW_HEAD_BYTES, previewHead } from './preview.service.js';
import { MappableColumnsSchema, PreviewJsonRequest, PreviewSchema } from './preview.schemas.js';

// base64 of 256 KiB plus the form's other fields.
const MAX_PREVIEW_BODY = 2 * PREVIEW_HEAD_BYTES;

// JSON or multipart: the body is read by readPreviewRequest, so the route is documented in the registry rather than validated by zod.
const previewDoc = {
  method: 'post' as const,
  path: '/api/v1/parsers/preview',
  tags: ['parsers'],
  summary: 'Detect the format of a file from its first ≤ 256 KiB (with saved column mappings) and list the columns the head yields; when nothing matches, the likely header line to map',
  request: {
    body: {
      content: {
        'application/json': { schema: PreviewJsonRequest },
        'multipart/form-data': {
          schema: z.object({
            file: z.string().openapi({ format: 'binary', description: 'The first ≤ 256 KiB of the file' }),
            fileName: z.string().optional().openapi({ description: 'Defaults to the part’s file name' }),
            fileSize: z.string().optional(),
            equipmentId: z.string().optional(),
            columnMappingId: z.string().optional(),
          }),
        },
      },
    },
  },
  responses: { 200: { description: 'The preview (format null when no parser matches)', content: { 'application/json': { schema: PreviewSchema } } }, ...errorResponses },
};

const previewBodyLimit = bodyLimit({
  maxSize: MAX_PREVIEW_BODY,
  onError: () => {
    throw new AppError('PAYLOAD_TOO_LARGE', `Send at most the first ${PREVIEW_HEAD_BYTES} bytes of the file`);
  },
});

const columnsRoute = createRoute({
  method: 'get',
  path: '/api/v1/parsers/columns',
  tags: ['parsers'],
  summary: 'Canonical columns a column mapping may target, with the units offered for each',
  responses: { 200: { description: 'Columns', content: { 'application/json': { schema: MappableColumnsSchema } } } },
});

/** The format preview of an upload and the column vocabulary of the mapping dialog. */
export function registerPreviewRoutes(app: OpenAPIHono, deps: AppDeps): void {
  app.openAPIRegistry.registerPath(previewDoc);
  app.post(previewDoc.path, previewBodyLimit, async (c) => {
    const viewer = viewerOf(c, deps.config.anonymousRead);
    if (viewer.userId === null) throw new UnauthenticatedError();
    const request = await readPreviewRequest(c.req.raw);
    const chosen = request.columnMappingId === undefined ? undefined : await getUsableMapping(deps.db, viewer, request.columnMappingId);
    const mappings = chosen ? [] : await findUsableMappings(deps.db, viewer, request.equipmentId ?? null);
    return c.json(await previewHead(parsers, { ...request, chosen, mappings }), 200);
  });
  app.openapi(columnsRoute, (c) => c.json({ columns: listMappableColumns() }, 200));
}
