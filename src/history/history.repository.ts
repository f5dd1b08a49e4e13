import type { Db } from '../db/database.js';
import type { FieldChanges, HistoryAction } from './history.table.js';

// Bookkeeping columns change on every write and would drown the real changes.
const IGNORED = new Set(['id', 'created_at', 'modified_at']);

function comparable(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  return v === undefined ? null : v;
}

/** The fields that differ between two versions of a row, as {old, new} (before = null for a create). */
export function diffRows(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of Object.keys(after)) {
    if (IGNORED.has(key)) continue;
    const oldValue = comparable(before ? before[key] : null);
    const newValue = comparable(after[key]);
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue)) changes[key] = { old: oldValue, new: newValue };
  }
  return changes;
}

/** Appends one history entry; call it inside the transaction that makes the change. */
export async function recordHistory(
  db: Db,
  entry: { table: string; recordId: number; userId: number | null; action: HistoryAction; changes: FieldChanges },
): Promise<void> {
  await db
    .insertInto('record_history')
    .values({ table_name: entry.table, record_id: entry.recordId, user_id: entry.userId, action: entry.action, changes: JSON.stringify(entry.changes) })
    .execute();
}

/** A record's history, oldest first, with the editor's username. */
export async function listHistory(db: Db, table: string, recordId: number) {
  return db
    .selectFrom('record_history as h')
    .leftJoin('users as u', 'u.id', 'h.user_id')
    .select(['h.id', 'h.action', 'h.user_id', 'u.username', 'h.at', 'h.changes'])
    .where('h.table_name', '=', table)
    .where('h.record_id', '=', recordId)
    .orderBy('h.id')
    .execute();
}
