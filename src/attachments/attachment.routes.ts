import { Readable } from 'node:stream';
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { assertCanEdit } from '../access/permissions.js';
import type { AppDeps } from '../api/app-deps.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import { AppError, NotFoundError, ValidationError } from '../domain/errors.js';
import { getRow, presentRows } from '../entities/entity-read.repository.js';
import { updateRecord } from '../entities/entity-write.service.js';
import { receiveMultipart } from '../ingest/multipart-upload.js';
import { readAll } from '../storage/blob-store.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { contentTypeOf, sniffKind, SNIFF_BYTES } from './attachment-kinds.js';
import { attachmentTargets, type AttachmentTarget } from './attachment-targets.js';

const idOf = (c: Context): number => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw new ValidationError('Invalid id', [{ field: 'id', message: 'must be a positive integer' }]);
  return id;
};

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 / 5987): ASCII fallback plus the exact name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const errorShape = { content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }) } } };

/** PUT / GET / DELETE of the one file a record carries (a specification's spec sheet, a reference's PDF). */
export function registerAttachmentRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const store = openBlobStore(deps.config);
  for (const target of attachmentTargets) registerTarget(app, deps, store, target);
}

function registerTarget(app: OpenAPIHono, deps: AppDeps, store: ReturnType<typeof openBlobStore>, target: AttachmentTarget): void {
  const { entity, columns } = target;
  const path = `/api/v1/${entity.plural}/{id}/${target.path}`;
  const route = path.replace('{id}', ':id');
  const params = z.object({ id: z.string() });
  const accepted = target.accepts.map(contentTypeOf).join(', ');
  const viewer = (c: Context) => viewerOf(c, deps.config.anonymousRead);

  app.openAPIRegistry.registerPath({
    method: 'put',
    path,
    tags: [entity.plural],
    summary: `Attach the ${target.label} (multipart, one "file" part: ${accepted}; replaces any earlier one; needs edit permission)`,
    request: { params, body: { content: { 'multipart/form-data': { schema: z.object({ file: z.string().openapi({ format: 'binary' }) }) } } } },
    responses: { 200: { description: `The ${entity.label} with its new ${target.label}` }, 413: { description: 'Larger than MAX_ATTACHMENT_BYTES', ...errorShape }, 415: { description: `Not ${accepted}`, ...errorShape } },
  });
  app.put(route, async (c) => {
    const id = idOf(c);
    // Permission first: nothing is stored for a record the caller may not change.
    assertCanEdit(viewer(c), await getRow(deps.db, viewer(c), entity, id), entity.lockedWhenPublic);
    const { files } = await receiveMultipart(store, c.req.raw, { maxBytes: deps.config.maxAttachmentBytes, fileFields: new Set(['file']), idleTimeoutMs: deps.config.uploadIdleTimeoutMs });
    const file = files.find((f) => f.field === 'file');
    if (!file) throw new ValidationError('No file uploaded', [{ field: 'file', message: 'a "file" part is required' }]);
    const kind = sniffKind(await readAll(store, file.blob.key, { offset: 0, length: Math.min(SNIFF_BYTES, file.blob.sizeBytes) }));
    if (!kind || !target.accepts.includes(kind)) {
      throw new AppError('UNSUPPORTED_FORMAT', `${file.fileName}: a ${target.label} must be ${accepted} (checked by its first bytes)`, { issues: [{ field: 'file', message: `expected ${accepted}` }] });
    }
    const row = await updateRecord(deps.db, viewer(c), entity, id, { [columns.key]: file.blob.key, [columns.sha256]: file.blob.sha256, [columns.name]: file.fileName });
    return c.json((await presentRows(deps.db, viewer(c), entity, [row], { withOwner: true }))[0], 200);
  });

  app.openAPIRegistry.registerPath({
    method: 'get',
    path,
    tags: [entity.plural],
    summary: `Download the ${target.label} with its original name`,
    request: { params },
    responses: { 200: { description: 'The file', content: Object.fromEntries(target.accepts.map((k) => [contentTypeOf(k), { schema: z.string().openapi({ format: 'binary' }) }])) }, 404: { description: `No such record, or no ${target.label}`, ...errorShape } },
  });
  app.get(route, async (c) => {
    const id = idOf(c);
    const row = await getRow(deps.db, viewer(c), entity, id);
    const key = row[columns.key];
    if (typeof key !== 'string') throw new NotFoundError(`${entity.label} ${id} ${target.label}`);
    const kind = sniffKind(await readAll(store, key, { offset: 0, length: SNIFF_BYTES }));
    const body = Readable.toWeb(await store.getStream(key)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: { 'content-type': kind ? contentTypeOf(kind) : 'application/octet-stream', 'content-disposition': contentDisposition(String(row[columns.name] ?? target.path)), 'x-content-type-options': 'nosniff' },
    });
  });

  app.openAPIRegistry.registerPath({
    method: 'delete',
    path,
    tags: [entity.plural],
    summary: `Detach the ${target.label} (the change is in the record's history)`,
    request: { params },
    responses: { 204: { description: 'Detached' } },
  });
  app.delete(route, async (c) => {
    await updateRecord(deps.db, viewer(c), entity, idOf(c), { [columns.key]: null, [columns.sha256]: null, [columns.name]: null });
    return c.body(null, 204);
  });
}
