import { createRoute, z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { AppDeps } from '../api/app-deps.js';
import { jsonBodyLimit } from '../api/body-limit.js';
import { errorResponses } from '../api/error-responses.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import { ValidationError } from '../domain/errors.js';
import { HistoryEntrySchema } from '../history/history.schemas.js';
import type { EntityDefinition } from './entity-definition.js';
import { readRecordHistory } from './entity-history.js';
import { toCsv } from './entity-export.js';
import { exportRows, getRow, listChoices, listRows, presentRows } from './entity-read.repository.js';
import { buildEntitySchemas, type ListQuery } from './entity-schemas.js';
import { createRecord, deleteRecord, restoreRecord, updateRecord } from './entity-write.service.js';

export const MAX_EXPORT_ROWS = 100_000;

const IdParams = z.object({ id: z.string().regex(/^\d{1,9}$/, 'expected a record id').transform(Number).openapi({ type: 'integer' }) });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

type Handler = (c: Context) => Promise<Response>;

/** app.openapi with loosely typed handlers: the schemas are built at run time from entity definitions. */
function add(app: OpenAPIHono, route: RouteConfig & { middleware?: MiddlewareHandler[] }, handler: Handler): void {
  app.openapi(createRoute(route), handler as never);
}

function valid<T>(c: Context, target: 'query' | 'json' | 'param'): T {
  return (c.req as unknown as { valid: (t: string) => T }).valid(target);
}

/** Registers list, export, choices, detail, create, update, delete, history and related routes of one entity. */
export function registerEntityRoutes(app: OpenAPIHono, deps: AppDeps, def: EntityDefinition, registry: readonly EntityDefinition[]): void {
  const s = buildEntitySchemas(def);
  const base = `/api/v1/${def.plural}`;
  const tags = [def.plural];
  const viewer = (c: Context) => viewerOf(c, deps.config.anonymousRead);
  const present = async (c: Context, rows: Parameters<typeof presentRows>[3]) => presentRows(deps.db, viewer(c), def, rows);
  // One record read or written: with its owner's username.
  const presentOne = async (c: Context, row: Parameters<typeof presentRows>[3][number]) => (await presentRows(deps.db, viewer(c), def, [row], { withOwner: true }))[0];

  add(app, { method: 'get', path: base, tags, summary: `List ${def.plural}`, request: { query: s.listQuery }, responses: { 200: json(s.page, 'One page'), ...errorResponses } }, async (c) => {
    const page = await listRows(deps.db, viewer(c), def, valid<ListQuery>(c, 'query'));
    return c.json({ ...page, items: await present(c, page.items) }, 200);
  });

  add(
    app,
    {
      method: 'get',
      path: `${base}/export`,
      tags,
      summary: `Download the filtered ${def.plural} as CSV or JSON`,
      request: { query: s.exportQuery },
      responses: { 200: { description: 'Every matching record', content: { 'text/csv': { schema: z.string() }, 'application/json': { schema: z.array(s.output) } } }, ...errorResponses },
    },
    async (c) => {
      const query = valid<ListQuery & { format?: 'csv' | 'json' }>(c, 'query');
      // `format` here is the file format, not a filter on a column that happens to be called format.
      const rows = await exportRows(deps.db, viewer(c), def, { ...query, format: undefined }, MAX_EXPORT_ROWS);
      if (rows.length > MAX_EXPORT_ROWS) throw new ValidationError(`More than ${MAX_EXPORT_ROWS} records match; narrow the filters`);
      const items = await present(c, rows);
      const fileName = `${def.plural}.${query.format ?? 'csv'}`;
      c.header('Content-Disposition', `attachment; filename="${fileName}"`);
      if (query.format === 'json') return c.json(items, 200);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      return c.body(toCsv(items), 200);
    },
  );

  add(app, { method: 'get', path: `${base}/choices`, tags, summary: `Id and name of ${def.plural} for dropdowns`, request: { query: s.listQuery }, responses: { 200: json(s.choices, 'Choices'), ...errorResponses } }, async (c) =>
    c.json(await listChoices(deps.db, viewer(c), def, valid<ListQuery>(c, 'query')), 200),
  );

  add(
    app,
    {
      method: 'get',
      path: `${base}/deleted`,
      tags,
      summary: `The trash: soft-deleted ${def.plural} (maintainers and administrators; empty for everyone else), same filters as the list`,
      request: { query: s.listQuery },
      responses: { 200: json(s.page, 'One page'), ...errorResponses },
    },
    async (c) => {
      const page = await listRows(deps.db, viewer(c), def, valid<ListQuery>(c, 'query'), undefined, 'deleted');
      return c.json({ ...page, items: await present(c, page.items) }, 200);
    },
  );

  add(app, { method: 'get', path: `${base}/{id}`, tags, summary: `One ${def.label}`, request: { params: IdParams }, responses: { 200: json(s.output, def.label), ...errorResponses } }, async (c) => {
    const row = await getRow(deps.db, viewer(c), def, valid<{ id: number }>(c, 'param').id);
    return c.json(await presentOne(c, row), 200);
  });

  const body = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } }, required: true } });
  add(app, { method: 'post', path: base, tags, summary: `Add a ${def.label}`, middleware: [jsonBodyLimit], request: body(s.create), responses: { 201: json(s.output, 'Created'), ...errorResponses } }, async (c) => {
    const row = await createRecord(deps.db, viewer(c), def, valid<Record<string, unknown>>(c, 'json'));
    return c.json(await presentOne(c, row), 201);
  });

  add(
    app,
    { method: 'patch', path: `${base}/{id}`, tags, summary: `Change a ${def.label}`, middleware: [jsonBodyLimit], request: { params: IdParams, ...body(s.update) }, responses: { 200: json(s.output, 'Updated'), ...errorResponses } },
    async (c) => {
      // Only the fields the client sent: never let schema defaults overwrite stored values.
      const sent = (await c.req.json()) as Record<string, unknown>;
      const input = Object.fromEntries(Object.entries(valid<Record<string, unknown>>(c, 'json')).filter(([k]) => k in sent));
      const row = await updateRecord(deps.db, viewer(c), def, valid<{ id: number }>(c, 'param').id, input);
      return c.json(await presentOne(c, row), 200);
    },
  );

  add(app, { method: 'delete', path: `${base}/{id}`, tags, summary: `Delete a ${def.label} (soft: status → deleted)`, request: { params: IdParams }, responses: { 204: { description: 'Deleted' }, ...errorResponses } }, async (c) => {
    await deleteRecord(deps.db, viewer(c), def, valid<{ id: number }>(c, 'param').id);
    return c.body(null, 204);
  });

  add(
    app,
    {
      method: 'post',
      path: `${base}/{id}/restore`,
      tags,
      summary: `Restore a deleted ${def.label} to the status it had before (maintainers and administrators)`,
      request: { params: IdParams },
      responses: { 200: json(s.output, 'Restored'), ...errorResponses },
    },
    async (c) => {
      const row = await restoreRecord(deps.db, viewer(c), def, valid<{ id: number }>(c, 'param').id);
      return c.json(await presentOne(c, row), 200);
    },
  );

  add(app, { method: 'get', path: `${base}/{id}/history`, tags, summary: `Edit history of a ${def.label}`, request: { params: IdParams }, responses: { 200: json(z.array(HistoryEntrySchema), 'Oldest first'), ...errorResponses } }, async (c) => {
    const id = valid<{ id: number }>(c, 'param').id;
    await getRow(deps.db, viewer(c), def, id);
    return c.json(await readRecordHistory(deps.db, viewer(c), def, id), 200);
  });

  for (const relation of def.relations ?? []) {
    const target = registry.find((d) => d.table === relation.target);
    if (!target) throw new Error(`Entity ${def.table}: relation "${relation.path}" targets unregistered table ${relation.target}`);
    const ts = buildEntitySchemas(target);
    const link = (parentId: number): Expression<SqlBool> => {
      if (relation.foreignKey) return sql<SqlBool>`${sql.ref(`t.${relation.foreignKey}`)} = ${parentId}`;
      if (relation.targetIds) return sql<SqlBool>`t.id in (${relation.targetIds(deps.db, parentId)})`;
      throw new Error(`Entity ${def.table}: relation "${relation.path}" needs foreignKey or targetIds`);
    };
    add(
      app,
      {
        method: 'get',
        path: `${base}/{id}/${relation.path}`,
        tags,
        summary: relation.summary ?? `${target.plural} of a ${def.label}`,
        request: { params: IdParams, query: ts.listQuery },
        responses: { 200: json(ts.page, 'One page'), ...errorResponses },
      },
      async (c) => {
        const id = valid<{ id: number }>(c, 'param').id;
        await getRow(deps.db, viewer(c), def, id);
        const page = await listRows(deps.db, viewer(c), target, valid<ListQuery>(c, 'query'), link(id));
        return c.json({ ...page, items: await presentRows(deps.db, viewer(c), target, page.items) }, 200);
      },
    );
  }
}
