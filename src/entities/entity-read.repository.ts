import { sql, type AliasedRawBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import { canEdit } from '../access/permissions.js';
import { recordParents } from '../access/record-parents.js';
import { deletedVisibleTo, visibleTo } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { NotFoundError } from '../domain/errors.js';
import type { EntityDefinition, EntityRow } from './entity-definition.js';
import { applyFilters, likePattern } from './entity-filters.js';
import type { ListQuery } from './entity-schemas.js';

export const DEFAULT_PAGE_SIZE = 50;

// Table names come from entity definitions, not from the typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function untyped(db: Db): Kysely<any> {
  return db as unknown as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Live records (the visibility scope) or the trash (soft-deleted records, maintainers only). */
export type Scope = 'live' | 'deleted';

/** Every read starts here: the entity's table as `t`, restricted by the visibility scope (or the trash scope). */
function scoped(db: Db, viewer: Viewer, def: EntityDefinition, query: ListQuery, extra?: Expression<SqlBool>, scope: Scope = 'live') {
  let qb = untyped(db).selectFrom(`${def.table} as t`).where(scope === 'live' ? visibleTo(viewer, `${def.table} as t`) : deletedVisibleTo(viewer, `${def.table} as t`));
  if (extra) qb = qb.where(extra);
  qb = applyFilters(qb, def, query);
  if (query.q) {
    const pattern = likePattern(query.q);
    const columns = ['name', ...(def.search ?? [])];
    qb = qb.where(sql<SqlBool>`(${sql.join(columns.map((c) => sql`${sql.ref(`t.${c}`)}::text ilike ${pattern}`), sql` or `)})`);
  }
  return qb;
}

function ordered<Q extends { orderBy: (...args: never[]) => Q }>(qb: Q, query: ListQuery, alias = 't'): Q {
  const spec = query.sort ?? [];
  let out = qb as unknown as { orderBy: (e: unknown, d: 'asc' | 'desc') => typeof out };
  for (const { column, desc } of spec) out = out.orderBy(sql.ref(`${alias}.${column}`), desc ? 'desc' : 'asc');
  // A unique tie-breaker keeps pages stable.
  if (!spec.some((s) => s.column === 'id')) out = out.orderBy(sql.ref(`${alias}.id`), 'asc');
  return out as unknown as Q;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

/** The entity's derived fields over the row `alias`, as selections (none without a `derived` hook). */
function derivedColumns(viewer: Viewer, def: EntityDefinition, alias: string): AliasedRawBuilder<unknown, string>[] {
  return selections(def.derived?.(viewer, alias) ?? {});
}

/**
 * The owner's username over the row `alias`, for one record read or written (shown to whoever may see the
 * record, as its edit history shows its editors). Not on list pages: there it cost 15-22 % of their
 * throughput (bench/README.md, list pages) for a name no list shows.
 */
function ownerUsername(alias: string): Record<string, Expression<unknown>> {
  return { owner_username: sql`(select u.username from users u where u.id = ${sql.ref(`${alias}.owner_id`)})` };
}

/**
 * How many visible records depend on this one (record-parents.ts: an experiment's data files, a
 * batch's devices), per related list: they go with it when it is deleted or made private, and the
 * delete dialog says so. On a single record, as the owner's username.
 */
function dependentCounts(viewer: Viewer, def: EntityDefinition, alias: string): Record<string, Expression<unknown>> {
  const dependents = (def.relations ?? []).filter((r) => r.foreignKey && recordParents[r.target]?.table === def.table && recordParents[r.target]?.column === r.foreignKey);
  if (dependents.length === 0) return {};
  const counts = dependents.map((r) => {
    const count = sql`(select count(*)::int from ${sql.table(r.target)} as c where ${sql.ref(`c.${r.foreignKey}`)} = ${sql.ref(`${alias}.id`)} and ${visibleTo(viewer, `${r.target} as c`)})`;
    return sql`json_build_object('path', ${r.path}::text, 'count', ${count})`;
  });
  return { dependents: sql`json_build_array(${sql.join(counts)})` };
}

function selections(fields: Record<string, Expression<unknown>>): AliasedRawBuilder<unknown, string>[] {
  return Object.entries(fields).map(([name, expression]) => sql`${expression}`.as(name));
}

/** One page of visible rows matching the query, with the total count and derived fields. `extra` narrows it (related lists). */
export async function listRows(db: Db, viewer: Viewer, def: EntityDefinition, query: ListQuery, extra?: Expression<SqlBool>, scope: Scope = 'live'): Promise<Page<EntityRow>> {
  const base = scoped(db, viewer, def, query, extra, scope);
  return pageWithTotal<EntityRow>(db, base, (qb) => qb.selectAll('t'), query, derivedColumns(viewer, def, 'p'));
}

/** Id and name of visible rows for dropdowns: the same scope as lists, so nothing private leaks into a form. */
export async function listChoices(db: Db, viewer: Viewer, def: EntityDefinition, query: ListQuery): Promise<Page<{ id: number; name: string }>> {
  const byName: ListQuery = { ...query, sort: query.sort ?? [{ column: 'name', desc: false }] };
  return pageWithTotal(db, scoped(db, viewer, def, byName), (qb) => qb.select(['t.id', 't.name']), byName);
}

const TOTAL = 'page_total__';
type Scoped = ReturnType<typeof scoped>;

/**
 * The page and the total in one statement (one round trip, one connection): the count, left-joined
 * to the page, so a page past the end still returns one row carrying the total. `derived` (over the
 * page alias `p`) is computed outside the page's LIMIT, so only for the rows returned.
 */
async function pageWithTotal<T extends { id: number }>(db: Db, base: Scoped, columns: (qb: Scoped) => Scoped, query: ListQuery, derived: AliasedRawBuilder<unknown, string>[] = []): Promise<Page<T>> {
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? DEFAULT_PAGE_SIZE;
  const rows = ordered(columns(base), query).limit(pageSize).offset((page - 1) * pageSize);
  const count = base.select(sql<number>`count(*)`.as(TOTAL));
  let joined = untyped(db).selectFrom(count.as('c')).leftJoinLateral(rows.as('p'), (join) => join.onTrue()).select(`c.${TOTAL}`).selectAll('p');
  if (derived.length > 0) joined = joined.select(derived);
  // The join keeps the page's order in practice; SQL only promises it with an outer ORDER BY (50 rows, cheap).
  const result = (await ordered(joined, query, 'p').execute()) as (T & { [TOTAL]: number })[];
  const total = Number(result[0][TOTAL]);
  const items = result[0].id === null ? [] : result.map(({ [TOTAL]: _total, ...row }) => row as unknown as T);
  return { items, total, page, page_size: pageSize };
}

/** Every visible row matching the query (exports), up to `limit` + 1 so callers can tell when it was cut. */
export async function exportRows(db: Db, viewer: Viewer, def: EntityDefinition, query: ListQuery, limit: number): Promise<EntityRow[]> {
  let qb = scoped(db, viewer, def, query).selectAll('t');
  const derived = derivedColumns(viewer, def, 't');
  if (derived.length > 0) qb = qb.select(derived);
  return (await ordered(qb, query).limit(limit + 1).execute()) as EntityRow[];
}

/** One visible row (or, with scope 'deleted', one row of the trash) or NotFoundError. */
export async function getRow(db: Db, viewer: Viewer, def: EntityDefinition, id: number, scope: Scope = 'live'): Promise<EntityRow> {
  const row = await scoped(db, viewer, def, {}, sql<SqlBool>`t.id = ${id}`, scope).selectAll('t').executeTakeFirst();
  if (!row) throw new NotFoundError(def.label, id);
  return row as EntityRow;
}

/**
 * The output form of rows already read through the visibility scope: the `derived` fields (read by id
 * unless the rows came with them, as list pages and exports do), the owner's username `withOwner` (one
 * record read or written), `can_edit`, then the `present` hook.
 */
export async function presentRows(db: Db, viewer: Viewer, def: EntityDefinition, rows: EntityRow[], opts: { withOwner?: boolean } = {}): Promise<Record<string, unknown>[]> {
  // Hooks need not handle the empty case (an empty IN list is a syntax error in SQL).
  if (rows.length === 0) return rows;
  let out = rows;
  const own = def.derived?.(viewer, 't') ?? {};
  const readOwn = Object.keys(own).length > 0 && !(Object.keys(own)[0] in rows[0]);
  const fields = { ...(readOwn ? own : {}), ...(opts.withOwner ? { ...ownerUsername('t'), ...dependentCounts(viewer, def, 't') } : {}) };
  if (Object.keys(fields).length > 0) {
    const extra = await untyped(db).selectFrom(`${def.table} as t`).select('t.id').select(selections(fields)).where('t.id', 'in', rows.map((r) => r.id)).execute();
    const byId = new Map(extra.map(({ id, ...values }) => [id as number, values]));
    out = rows.map((r) => ({ ...r, ...byId.get(r.id) }));
  }
  // What the viewer may do with each row, by the rule the writes enforce (the UI offers only that).
  // Set on the rows in place: a copy of each row per page costs more than the rule itself.
  for (const r of out) r.can_edit = canEdit(viewer, r, def.lockedWhenPublic);
  return def.present ? def.present(db, viewer, out) : out;
}
