import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../api/app-deps.js';
import { jsonBodyLimit } from '../api/body-limit.js';
import { errorResponses } from '../api/error-responses.js';
import { viewerOf } from '../auth/viewer.middleware.js';
import { IdParams } from '../series/query-params.js';
import { placeFiles } from './file-placement.service.js';
import { assignUnassignedFile, listUnassignedFiles } from './unassigned-file.repository.js';
import { AssignSchema, PlacementRequestSchema, PlacementSchema, UnassignedFileSchema, UnassignedQuerySchema } from './unassigned-file.schemas.js';

const tags = ['monitored-paths'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** What harvesters ask of a monitored path (where each new file goes), and the unassigned files a person places by hand. */
export function registerUnassignedFileRoutes(app: OpenAPIHono, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/monitored-paths/{id}/placements',
      tags,
      summary: 'Where each of these files of the path goes (assignment, rule, default); files no rule places are recorded as unassigned',
      middleware: [jsonBodyLimit],
      request: { params: IdParams, body: { content: { 'application/json': { schema: PlacementRequestSchema } }, required: true } },
      responses: { 200: json(z.object({ files: z.array(PlacementSchema) }), 'One placement per file, in order'), ...errorResponses },
    }),
    async (c) => {
      const viewer = viewerOf(c, deps.config.anonymousRead);
      const files = await placeFiles(deps.db, viewer, c.req.valid('param').id, c.req.valid('json').files);
      return c.json({ files }, 200) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/unassigned-files',
      tags,
      summary: 'Files of visible monitored paths that no rule placed (state=waiting by default)',
      request: { query: UnassignedQuerySchema },
      responses: { 200: json(z.object({ items: z.array(UnassignedFileSchema) }), 'Unassigned files, oldest first'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const items = await listUnassignedFiles(deps.db, viewerOf(c, deps.config.anonymousRead), { monitoredPathId: q.monitored_path_id, state: q.state });
      return c.json({ items }, 200) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/unassigned-files/{id}/assign',
      tags,
      summary: "Assign a waiting file to an experiment (and devices): the harvester uploads it there at its next scan",
      middleware: [jsonBodyLimit],
      request: { params: IdParams, body: { content: { 'application/json': { schema: AssignSchema } }, required: true } },
      responses: { 200: json(UnassignedFileSchema, 'The file with its assignment'), ...errorResponses },
    }),
    async (c) => {
      const viewer = viewerOf(c, deps.config.anonymousRead);
      return c.json(await assignUnassignedFile(deps.db, viewer, c.req.valid('param').id, c.req.valid('json')), 200) as never;
    },
  );
}
