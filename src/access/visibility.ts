import { sql, type Expression, type SqlBool } from 'kysely';
import { NotFoundError } from '../domain/errors.js';
import type { Db } from '../db/database.js';
import { isMaintainer, type Viewer } from './viewer.js';

/**
 * THE visibility scope: a WHERE condition on a table (or alias) with the standard record columns.
 * Deleted rows: nobody. Private rows: their owner, maintainers, administrators.
 * Public rows: every signed-in (hence active) user, and anonymous visitors only when anonymousRead.
 * Every read of user records (lists, search, counts, related lists, exports, choices, detail, data) uses it.
 */
export function visibleTo(viewer: Viewer, alias: string): Expression<SqlBool> {
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
export function deletedVisibleTo(viewer: Viewer, alias: string): Expression<SqlBool> {
  return isMaintainer(viewer) ? sql<SqlBool>`${sql.ref(`${alias}.status`)} = 'deleted'` : sql<SqlBool>`false`;
}

/** The ids among `ids` that `viewer` may see in `table`. */
export async function visibleIds(db: Db, viewer: Viewer, table: string, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await sql<{ id: number }>`select t.id from ${sql.table(table)} as t where t.id in (${sql.join(ids)}) and ${visibleTo(viewer, 't')}`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}

/** Throws NotFoundError (never Forbidden: a hidden record's existence is itself private) unless visible. */
export async function assertVisible(db: Db, viewer: Viewer, table: string, id: number, what = 'Record'): Promise<void> {
  const seen = await visibleIds(db, viewer, table, [id]);
  if (!seen.has(id)) throw new NotFoundError(what, id);
}
