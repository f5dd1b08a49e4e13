import { sql, type Kysely } from 'kysely';
import { assertCanCreate, assertCanEdit } from '../access/permissions.js';
import { visibleIds } from '../access/visibility.js';
import { isMaintainer, type Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { mapDatabaseError } from '../db/database-errors.js';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../domain/errors.js';
import { diffRows, recordHistory } from '../history/history.repository.js';
import type { FieldChanges } from '../history/history.table.js';
import type { EntityDefinition, EntityRow, WriteContext } from './entity-definition.js';
import { getRow, type Scope } from './entity-read.repository.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Objects and arrays go to jsonb columns as JSON text (node-postgres would turn arrays into PG arrays). */
function toColumnValues(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const plain = Array.isArray(value) || (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype);
    out[key] = plain ? JSON.stringify(value) : value;
  }
  return out;
}

/** Referenced records must be visible to the writer, so ids cannot be used to probe or link private data. */
async function checkReferences(ctx: WriteContext, def: EntityDefinition, values: Record<string, unknown>): Promise<void> {
  for (const [column, table] of Object.entries(def.references ?? {})) {
    const id = values[column];
    if (typeof id !== 'number') continue;
    const seen = await visibleIds(ctx.db, ctx.viewer, table, [id]);
    if (!seen.has(id)) throw new ValidationError(`${column}: no visible record ${id}`, [{ field: column, message: `no visible record with id ${id}` }]);
  }
}

/** Runs fn in a transaction of its own, or in the caller's when db already is one (a batch of writes that stands or falls together). */
async function inTransaction<T>(db: Db, def: EntityDefinition, fn: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return db.isTransaction ? await fn(db) : await db.transaction().execute(fn);
  } catch (err) {
    throw mapDatabaseError(err, def.conflicts);
  }
}

/** Inserts a record owned by the viewer, with its history entry, in one transaction. */
export async function createRecord(db: Db, viewer: Viewer, def: EntityDefinition, input: Record<string, unknown>): Promise<EntityRow> {
  assertCanCreate(viewer, def.plural);
  return inTransaction(db, def, async (trx) => {
    const ctx: WriteContext = { db: trx, viewer, existing: null };
    const values = def.prepare ? await def.prepare(ctx, { ...input }) : input;
    await checkReferences(ctx, def, values);
    const row = (await (trx as AnyDb)
      .insertInto(def.table)
      .values({ ...toColumnValues(values), owner_id: viewer.userId })
      .returningAll()
      .executeTakeFirstOrThrow()) as EntityRow;
    await recordHistory(trx, { table: def.table, recordId: row.id, userId: viewer.userId, action: 'create', changes: diffRows(null, row) });
    if (def.afterWrite) await def.afterWrite(ctx, row, 'create');
    return row;
  });
}

/** Changes the given fields of a visible, editable record and logs each changed field. */
export async function updateRecord(db: Db, viewer: Viewer, def: EntityDefinition, id: number, input: Record<string, unknown>): Promise<EntityRow> {
  return inTransaction(db, def, async (trx) => {
    const existing = await lockRow(trx, viewer, def, id);
    assertCanEdit(viewer, existing, def.lockedWhenPublic);
    const ctx: WriteContext = { db: trx, viewer, existing };
    const values = def.prepare ? await def.prepare(ctx, { ...input }) : input;
    await checkReferences(ctx, def, values);
    const row = (await (trx as AnyDb)
      .updateTable(def.table)
      .set({ ...toColumnValues(values), modified_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()) as EntityRow;
    const changes = diffRows(existing, row);
    if (Object.keys(changes).length > 0) await recordHistory(trx, { table: def.table, recordId: id, userId: viewer.userId, action: 'update', changes });
    if (def.afterWrite) await def.afterWrite(ctx, row, 'update');
    return row;
  });
}

/** Soft delete: status → deleted, after which every read hides the record. */
export async function deleteRecord(db: Db, viewer: Viewer, def: EntityDefinition, id: number): Promise<void> {
  await inTransaction(db, def, async (trx) => {
    const existing = await lockRow(trx, viewer, def, id);
    assertCanEdit(viewer, existing, def.lockedWhenPublic);
    const row = (await (trx as AnyDb)
      .updateTable(def.table)
      .set({ status: 'deleted', modified_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()) as EntityRow;
    await recordHistory(trx, { table: def.table, recordId: id, userId: viewer.userId, action: 'delete', changes: diffRows(existing, row) });
    if (def.afterWrite) await def.afterWrite({ db: trx, viewer, existing }, row, 'delete');
  });
}

/**
 * Takes a soft-deleted record out of the trash (maintainers and administrators only), back to the
 * status it had before it was deleted (from its edit history; private when unknown), logged as an update.
 */
export async function restoreRecord(db: Db, viewer: Viewer, def: EntityDefinition, id: number): Promise<EntityRow> {
  if (viewer.userId === null) throw new UnauthenticatedError();
  if (!isMaintainer(viewer)) throw new ForbiddenError('Only maintainers and administrators restore deleted records');
  return inTransaction(db, def, async (trx) => {
    const existing = await lockRow(trx, viewer, def, id, 'deleted');
    const deletion = await (trx as AnyDb)
      .selectFrom('record_history')
      .select('changes')
      .where('table_name', '=', def.table)
      .where('record_id', '=', id)
      .where('action', '=', 'delete')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const before = (deletion?.changes as FieldChanges | undefined)?.status?.old;
    const row = (await (trx as AnyDb)
      .updateTable(def.table)
      .set({ status: before === 'public' ? 'public' : 'private', modified_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()) as EntityRow;
    await recordHistory(trx, { table: def.table, recordId: id, userId: viewer.userId, action: 'update', changes: diffRows(existing, row) });
    return row;
  });
}

/** Reads the row through the visibility scope (or the trash scope) and locks it so concurrent edits serialise. */
async function lockRow(trx: Db, viewer: Viewer, def: EntityDefinition, id: number, scope: Scope = 'live'): Promise<EntityRow> {
  if (viewer.userId === null) throw new UnauthenticatedError();
  await getRow(trx, viewer, def, id, scope);
  return (await (trx as AnyDb).selectFrom(def.table).selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow()) as EntityRow;
}
