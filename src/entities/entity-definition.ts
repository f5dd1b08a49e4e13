import type { z } from '@hono/zod-openapi';
import type { Expression } from 'kysely';
import type { RecordTable } from '../access/record-table.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import type { RecordStatus } from '../db/record-columns.js';

/** How a column can be filtered in list queries (see entity-filters.ts for the operators each gets). */
export type FilterType = 'text' | 'id' | 'number' | 'date' | 'boolean' | { enum: readonly [string, ...string[]] };

/** A row of an entity table: the standard record columns plus the entity's own. */
export type EntityRow = Record<string, unknown> & { id: number; name: string; owner_id: number | null; status: RecordStatus };

export interface WriteContext {
  /** The transaction the write runs in: do every extra read/write through it. */
  db: Db;
  viewer: Viewer;
  /** The row before the change (null on create). */
  existing: EntityRow | null;
}

/** A related list: GET /api/v1/<plural>/:id/<path> lists `target` records linked to the parent. */
export interface RelationDefinition {
  path: string;
  /** Table of the related entity; it must be registered too (its filters, sort and visibility apply). */
  target: RecordTable;
  /** Column of the target that holds the parent id... */
  foreignKey?: string;
  /** ...or, for links through another table, a subquery selecting target ids for a parent id. */
  targetIds?: (db: Db, parentId: number) => Expression<unknown>;
  summary?: string;
}

/** Declares one entity; the framework derives schemas, routes, filters, history and visibility from it. */
export interface EntityDefinition {
  /** Table with the standard record columns (addRecordColumns). */
  table: RecordTable;
  /** URL segment: /api/v1/<plural>. */
  plural: string;
  /** Human name of one record, used in messages and OpenAPI component names ("Organisation"). */
  label: string;
  /** The entity's own writable columns (snake_case = column names), as required on create. No `.default()`: defaults belong in the migration. */
  fields: z.ZodRawShape;
  /** Output-only columns (computed by `prepare` or the database), for the OpenAPI document. */
  computedFields?: z.ZodRawShape;
  /** Filterable columns beyond the built-in name, status, owner_id, created_at, modified_at. */
  filters?: Record<string, FilterType>;
  /** Columns searched by `q` (case-insensitive substring); name is always searched. */
  search?: string[];
  /** Sortable columns beyond id, name, status, created_at, modified_at. */
  sort?: string[];
  relations?: RelationDefinition[];
  /** column → table of a record entity: on write, the referenced record must be visible to the writer (else 400). */
  references?: Record<string, RecordTable>;
  /** Shared reference data: once public, only maintainers and administrators may edit it (not its owner). */
  lockedWhenPublic: boolean;
  /** Unique constraint or index name → the 409 message and field it concerns. */
  conflicts?: Record<string, { field: string; message: string }>;
  /** Validates and completes the column values before insert/update (throw ValidationError/ConflictError). */
  prepare?: (ctx: WriteContext, values: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Runs after the row is written, in the same transaction (e.g. create child rows). */
  afterWrite?: (ctx: WriteContext, row: EntityRow, action: 'create' | 'update' | 'delete') => Promise<void>;
  /**
   * Derived output fields as SQL over the row `alias` (a correlated subquery, say), read in the same statement
   * as the rows of a list page or an export, and by id for a detail or a written row. Prefer it to `present`
   * for what SQL can compute: a list page stays one round trip (bench/README.md, list pages).
   */
  derived?: (viewer: Viewer, alias: string) => Record<string, Expression<unknown>>;
  /** Adds derived output fields to rows already read through the visibility scope (lists, detail, export), in JS or with a second query. */
  present?: (db: Db, viewer: Viewer, rows: EntityRow[]) => Promise<Record<string, unknown>[]>;
}

/** Identity helper that checks a definition's shape at the declaration site. */
export function defineEntity(def: EntityDefinition): EntityDefinition {
  return def;
}
