import type { Viewer } from '../access/viewer.js';
import { visibleTo } from '../access/visibility.js';
import type { Db } from '../db/database.js';
import { NotFoundError } from '../domain/errors.js';
import type { ColumnMapping } from '../parsers/cycler-parser.js';

/** A stored mapping with its id, so a caller can say which one matched. */
export interface StoredColumnMapping {
  id: number;
  mapping: ColumnMapping;
}

/**
 * The mappings `viewer` may use for a file from `equipmentId`, in the order detection tries them:
 * the equipment's own first, then general ones (no equipment); newest first within each.
 */
export async function findUsableMappings(db: Db, viewer: Viewer, equipmentId: number | null): Promise<StoredColumnMapping[]> {
  let query = db.selectFrom('column_mappings as t').select(['t.id', 't.mapping', 't.equipment_id']).where(visibleTo(viewer, 'column_mappings as t'));
  query = equipmentId === null ? query.where('t.equipment_id', 'is', null) : query.where((eb) => eb.or([eb('t.equipment_id', '=', equipmentId), eb('t.equipment_id', 'is', null)]));
  const rows = await query.orderBy('t.id', 'desc').execute();
  const own = rows.filter((r) => r.equipment_id !== null);
  const general = rows.filter((r) => r.equipment_id === null);
  return [...own, ...general].map((r) => ({ id: r.id, mapping: r.mapping }));
}

/** One mapping visible to `viewer` (NotFoundError otherwise). */
export async function getUsableMapping(db: Db, viewer: Viewer, id: number): Promise<StoredColumnMapping> {
  const row = await db.selectFrom('column_mappings as t').select(['t.id', 't.mapping']).where('t.id', '=', id).where(visibleTo(viewer, 'column_mappings as t')).executeTakeFirst();
  if (!row) throw new NotFoundError('Column mapping', id);
  return row;
}

/** The viewer a background job acts as: the record's owner with their current role (public records only when the owner is gone). */
export async function viewerOfOwner(db: Db, ownerId: number | null): Promise<Viewer> {
  const user = ownerId === null ? undefined : await db.selectFrom('users').select(['id', 'role', 'institution_id', 'is_active']).where('id', '=', ownerId).executeTakeFirst();
  if (!user || !user.is_active) return { userId: null, role: 'anonymous', institutionId: null, anonymousRead: true };
  return { userId: user.id, role: user.role, institutionId: user.institution_id, anonymousRead: false };
}
