import { z } from '@hono/zod-openapi';
import type { EntityDefinition } from './entity-definition.js';
import { filterQueryShape } from './entity-filters.js';

export const MAX_PAGE_SIZE = 500;
const BUILT_IN_SORT = ['id', 'name', 'status', 'created_at', 'modified_at'];

const recordInput = {
  name: z.string().trim().min(1, 'must not be empty').max(500),
  notes: z.string().max(100_000).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  status: z.enum(['private', 'public']).optional().openapi({ description: 'Defaults to private. Use DELETE to delete.' }),
};

const recordOutput = {
  id: z.number().int(),
  name: z.string(),
  notes: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  owner_id: z.number().int().nullable(),
  owner_username: z.string().nullable().optional().openapi({ description: "The owner's username (null for seeded records): on a single record (detail, create, update), not in lists and exports" }),
  dependents: z
    .array(z.object({ path: z.string().openapi({ description: 'The related list (GET …/{id}/<path>)' }), count: z.number().int() }))
    .optional()
    .openapi({ description: 'Visible records that depend on this one and are hidden with it when it is deleted or made private (an experiment’s data files, a batch’s devices): on a single record' }),
  can_edit: z.boolean().openapi({ description: 'Whether the caller may edit, publish or delete this record' }),
  status: z.enum(['private', 'public', 'deleted']),
  created_at: z.string().openapi({ format: 'date-time' }),
  modified_at: z.string().openapi({ format: 'date-time' }),
};

export function sortableColumns(def: EntityDefinition): string[] {
  return [...BUILT_IN_SORT, ...(def.sort ?? [])];
}

/** Parsed `sort` parameter: comma-separated columns, `-` prefix for descending. */
export type SortSpec = { column: string; desc: boolean }[];

function sortSchema(def: EntityDefinition) {
  const allowed = sortableColumns(def);
  return z
    .string()
    .max(200)
    .transform((s, ctx) => {
      const spec: SortSpec = [];
      for (const part of s.split(',')) {
        const column = part.replace(/^-/, '');
        if (!allowed.includes(column)) {
          ctx.addIssue({ code: 'custom', message: `unknown sort field "${column}"; sortable: ${allowed.join(', ')}` });
          return z.NEVER;
        }
        spec.push({ column, desc: part.startsWith('-') });
      }
      return spec;
    })
    .optional()
    .openapi({ type: 'string', example: '-created_at,name', description: `Comma-separated; "-" for descending. Fields: ${allowed.join(', ')}` });
}

const cache = new WeakMap<EntityDefinition, EntitySchemas>();

/** Every schema the routes of one entity need, derived once per definition (OpenAPI names must stay unique). */
export function buildEntitySchemas(def: EntityDefinition): EntitySchemas {
  let schemas = cache.get(def);
  if (!schemas) cache.set(def, (schemas = deriveSchemas(def)));
  return schemas;
}

function deriveSchemas(def: EntityDefinition) {
  const create = z.object({ ...recordInput, ...def.fields }).strict().openapi(`${def.label}Create`);
  const update = z.object({ ...recordInput, ...def.fields }).partial().strict().openapi(`${def.label}Update`);
  const output = z.object({ ...recordOutput, ...def.fields, ...def.computedFields }).openapi(def.label);
  const filterShape = { q: z.string().max(200).optional().openapi({ description: 'Case-insensitive text search' }), sort: sortSchema(def), ...filterQueryShape(def) };
  const listQuery = z
    .object({
      ...filterShape,
      page: z.string().regex(/^\d{1,7}$/, 'expected a positive integer').transform(Number).pipe(z.number().int().min(1)).optional(),
      page_size: z.string().regex(/^\d{1,4}$/, 'expected a positive integer').transform(Number).pipe(z.number().int().min(1).max(MAX_PAGE_SIZE)).optional(),
    })
    .strict();
  const exportQuery = z.object({ ...filterShape, format: z.enum(['csv', 'json']).optional() }).strict();
  const page = z.object({ items: z.array(output), total: z.number().int(), page: z.number().int(), page_size: z.number().int() });
  const choices = z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string() })), total: z.number().int(), page: z.number().int(), page_size: z.number().int() });
  return { create, update, output, listQuery, exportQuery, page, choices };
}

export type EntitySchemas = ReturnType<typeof deriveSchemas>;

/** The validated list query (filters by parameter name plus the paging and search fields). */
export type ListQuery = Record<string, unknown> & { q?: string; sort?: SortSpec; page?: number; page_size?: number };
