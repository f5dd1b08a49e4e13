import type { RecordTable } from '../access/record-table.js';
import type { Viewer } from '../access/viewer.js';
import { visibleIds } from '../access/visibility.js';
import { ValidationError } from '../domain/errors.js';
import type { WriteContext } from '../entities/entity-definition.js';
import { recordHistory } from '../history/history.repository.js';
import type { Db } from '../db/database.js';

/*
 * Child rows (a component's compounds, a specification's parameter values, an experiment's devices)
 * arrive in the record's request body but live in their own tables. `prepare` takes them out of the
 * column values and parks them here; `afterWrite`, which receives the same WriteContext in the same
 * transaction, writes them once the parent row exists.
 */
const parked = new WeakMap<WriteContext, Map<string, unknown>>();

/** Removes `key` from `values` and keeps it for afterWrite; returns it (undefined when not sent). */
export function parkChildren<T>(ctx: WriteContext, values: Record<string, unknown>, key: string): T | undefined {
  if (!(key in values)) return undefined;
  const value = values[key] as T;
  delete values[key];
  park(ctx, key, value);
  return value;
}

/** Keeps `value` under `key` for afterWrite of the same write. */
export function park(ctx: WriteContext, key: string, value: unknown): void {
  let map = parked.get(ctx);
  if (!map) parked.set(ctx, (map = new Map()));
  map.set(key, value);
}

/** The children parked by prepare, or undefined when the request did not send them (leave them as they are). */
export function takeParked<T>(ctx: WriteContext, key: string): T | undefined {
  const value = parked.get(ctx)?.get(key) as T | undefined;
  parked.get(ctx)?.delete(key);
  return value;
}

/** Every id must name a record the writer can see (else 400 naming the field): no linking to hidden data. */
export async function assertAllVisible(db: Db, viewer: Viewer, table: RecordTable, ids: readonly number[], field: string): Promise<void> {
  const unique = [...new Set(ids)];
  const seen = await visibleIds(db, viewer, table, unique);
  const missing = unique.filter((id) => !seen.has(id));
  if (missing.length > 0) {
    throw new ValidationError(`${field}: no visible record ${missing.join(', ')}`, [{ field, message: `no visible record with id ${missing.join(', ')}` }]);
  }
}

/** Logs a change of a child list as one field of the parent's history, alongside the row's own entry. */
export async function recordChildHistory(ctx: WriteContext, table: string, recordId: number, field: string, before: unknown, after: unknown): Promise<void> {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  await recordHistory(ctx.db, {
    table,
    recordId,
    userId: ctx.viewer.userId,
    action: ctx.existing ? 'update' : 'create',
    changes: { [field]: { old: before, new: after } },
  });
}
