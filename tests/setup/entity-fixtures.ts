import { randomBytes } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import type { Db } from '../../src/db/database.js';
import type { EntityDefinition } from '../../src/entities/entity-definition.js';
import { buildEntitySchemas } from '../../src/entities/entity-schemas.js';

/**
 * Valid create bodies for any registered entity, for tests that must cover every entity (the
 * permission matrix). Required fields are generated from the create schema; ids named in
 * `references` get a fresh public parent record. When a field needs a specific form (a formula,
 * a DOI), add an override here: it is merged over the generated body.
 */
export const fixtureOverrides: Record<string, (unique: string) => Record<string, unknown>> = {
  compounds: () => ({ formula: 'LiFePO4' }),
  column_mappings: () => ({ mapping: { columns: { t: { name: 'Test Time / s', unit: 's' }, U: { name: 'Voltage / V', unit: 'V' }, I: { name: 'Current / A', unit: 'A' } } } }),
};

export type CreateAs = (table: string, body: Record<string, unknown>) => Promise<{ id: number }>;

export interface InsertContext {
  db: Db;
  ownerId: number;
  name: string;
  status: 'private' | 'public';
  /** Column values the caller needs (e.g. a relation's foreign key). */
  extra: Record<string, unknown>;
  /** Creates a public parent record of `table` through the API and returns its id. */
  parent(table: string): Promise<number>;
}

/**
 * Entities whose records are not created by POST /api/v1/<plural> (data files come from uploads):
 * tests insert them directly. Returns the new id.
 */
export const fixtureInserts: Record<string, (ctx: InsertContext) => Promise<number>> = {
  data_files: async (ctx) => {
    const experimentId = (ctx.extra.experiment_id as number | undefined) ?? (await ctx.parent('experiments'));
    const row = await ctx.db
      .insertInto('data_files')
      .values({
        name: ctx.name,
        owner_id: ctx.ownerId,
        status: ctx.status,
        original_name: `${ctx.name}.csv`,
        sha256: randomBytes(32).toString('hex'),
        size_bytes: 1,
        blob_key: `test/${ctx.name}`,
        ...ctx.extra,
        experiment_id: experimentId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
};

let serial = 0;

type ZodInternals = { _zod: { def: { type: string; innerType?: z.ZodType; entries?: Record<string, string>; values?: unknown[]; in?: z.ZodType; format?: string } } };

function sampleValue(schema: z.ZodType, unique: string): unknown {
  const def = (schema as unknown as ZodInternals)._zod.def;
  switch (def.type) {
    case 'string':
      if (def.format === 'email') return `${unique}@example.org`;
      if (def.format === 'url') return `https://example.org/${unique}`;
      return unique;
    case 'number':
    case 'int':
      return (serial % 90) + 1;
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'nullable':
    case 'default':
      return sampleValue(def.innerType!, unique);
    case 'pipe':
      return sampleValue(def.in!, unique);
    case 'array':
      return [];
    case 'record':
    case 'object':
      return {};
    default:
      return unique;
  }
}

function isOptional(schema: z.ZodType): boolean {
  return (schema as unknown as ZodInternals)._zod.def.type === 'optional';
}

/** A create body for `def` named `name`; parents it references are created public through `createAs`. */
export async function sampleBody(def: EntityDefinition, registry: readonly EntityDefinition[], name: string, createAs: CreateAs, depth = 0): Promise<Record<string, unknown>> {
  const unique = `fx${++serial}${Date.now().toString(36)}`;
  const body: Record<string, unknown> = { name };
  const shape = buildEntitySchemas(def).create.shape as Record<string, z.ZodType>;
  for (const [field, schema] of Object.entries(def.fields)) {
    // Optional references get a parent too (so related lists have data), but not down a self-referencing tree.
    const optional = isOptional(schema as z.ZodType);
    if (optional && (!def.references?.[field] || def.references[field] === def.table || depth > 2)) continue;
    const parentTable = def.references?.[field];
    const parentDef = parentTable ? registry.find((d) => d.table === parentTable) : undefined;
    if (parentDef) {
      const parentBody = await sampleBody(parentDef, registry, `parent-${unique}-${field}`, createAs, depth + 1);
      body[field] = (await createAs(parentDef.table, { ...parentBody, status: 'public' })).id;
    } else {
      body[field] = sampleValue(shape[field] ?? (schema as z.ZodType), unique);
    }
  }
  return { ...body, ...fixtureOverrides[def.table]?.(unique) };
}
