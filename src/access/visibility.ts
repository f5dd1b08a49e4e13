import { sql, type Expression, type SqlBool } from 'kysely';
import { NotFoundError } from '../domain/errors.js';
import type { Db } from '../db/database.js';
import { recordParents } from './record-parents.js';
import { splitScopedTable, type RecordTable, type ScopedTable } from './record-table.js';
import { isMaintainer, type Viewer } from './viewer.js';

/**
 * THE visibility scope: a WHERE condition on a record table, named as the query names it
 * (`'data_files as t'`). Deleted rows: nobody. Private rows: their owner, maintainers,
 * administrators. Public rows: every signed-in (hence active) user, and anonymous visitors only
 * when anonymousRead. A record that depends on a parent (record-parents.ts: a data file on its
 * experiment, a device on its batch) is visible only while its parent is too.
 * Every read of user records (lists, search, counts, related lists, exports, choices, detail, data) uses it.
 */
export function visibleTo(viewer: Viewer, spec: ScopedTable): Expression<SqlBool> {
  const { table, alias } = splitScopedTable(spec);
  const own = ownRowVisible(viewer, alias);
  const parent = recordParents[table];
  if (!parent) return own;
  const parentAlias = `${alias}__${parent.table}`;
  const parentVisible = sql<SqlBool>`exists (select 1 from ${sql.table(parent.table)} as ${sql.id(parentAlias)}
    where ${sql.ref(`${parentAlias}.id`)} = ${sql.ref(`${alias}.${parent.column}`)} and ${visibleTo(viewer, `${parent.table} as ${parentAlias}`)})`;
  return sql<SqlBool>`(${own} and ${parentVisible})`;
}

function ownRowVisible(viewer: Viewer, alias: string): Expression<SqlBool> {
  const status = sql.ref(`${alias}.status`);
  const owner = sql.ref(`${alias}.owner_id`);
  if (isMaintainer(viewer)) return sql<SqlBool>`${status} <> 'deleted'`;
  if (viewer.userId === null) return viewer.anonymousRead ? sql<SqlBool>`${status} = 'public'` : sql<SqlBool>`false`;
  return sql<SqlBool>`(${status} = 'public' or (${status} = 'private' and ${owner} = ${viewer.userId}))`;
}

/**
 * The trash: soft-deleted rows, seen only by maintainers and administrators (to review and restore
 * them); for everyone else it is empty. The one other scope besides `visibleTo`.
 */
export function deletedVisibleTo(viewer: Viewer, spec: ScopedTable): Expression<SqlBool> {
  const { alias } = splitScopedTable(spec);
  return isMaintainer(viewer) ? sql<SqlBool>`${sql.ref(`${alias}.status`)} = 'deleted'` : sql<SqlBool>`false`;
}

/** The ids among `ids` that `viewer` may see in `table`. */
export async function visibleIds(db: Db, viewer: Viewer, table: RecordTable, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await sql<{ id: number }>`select t.id from ${sql.table(table)} as t where t.id in (${sql.join(ids)}) and ${visibleTo(viewer, `${table} as t`)}`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}

/** Throws NotFoundError (never Forbidden: a hidden record's existence is itself private) unless visible. */
export async function assertVisible(db: Db, viewer: Viewer, table: RecordTable, id: number, what = 'Record'): Promise<void> {
  const seen = await visibleIds(db, viewer, table, [id]);
  if (!seen.has(id)) throw new NotFoundError(what, id);
}
