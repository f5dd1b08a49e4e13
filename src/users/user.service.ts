import { canManageUsers, type Viewer } from '../access/viewer.js';
import { credentialCache } from '../auth/credential-cache.js';
import { deleteUserSessions } from '../auth/session.repository.js';
import type { Db } from '../db/database.js';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../domain/errors.js';
import { diffRows, recordHistory } from '../history/history.repository.js';
import { USER_PUBLIC_COLUMNS } from './user.repository.js';
import type { Role } from './user.table.js';

export function assertUserManager(viewer: Viewer): void {
  if (viewer.userId === null) throw new UnauthenticatedError();
  if (!canManageUsers(viewer)) throw new ForbiddenError('Only user managers and administrators manage accounts');
}

/** Lists accounts for user managers (e.g. `active: false` for the approval queue). */
export async function listUsers(db: Db, viewer: Viewer, filter: { active?: boolean }) {
  assertUserManager(viewer);
  let q = db.selectFrom('users').select(USER_PUBLIC_COLUMNS).orderBy('id');
  if (filter.active !== undefined) q = q.where('is_active', '=', filter.active);
  return q.execute();
}

/**
 * Changes a user's role and/or active flag. User managers cannot touch administrators or make one,
 * and nobody changes their own account here (no self-promotion, no locking yourself out).
 */
export async function updateUserAccess(db: Db, viewer: Viewer, userId: number, change: { role?: Role; is_active?: boolean }) {
  assertUserManager(viewer);
  if (userId === viewer.userId) throw new ForbiddenError('You cannot change your own role or activation');
  const after = await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select(USER_PUBLIC_COLUMNS).where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!before) throw new NotFoundError('User', userId);
    if (viewer.role !== 'administrator' && (before.role === 'administrator' || change.role === 'administrator')) {
      throw new ForbiddenError('Only administrators grant or change the administrator role');
    }
    const after = await trx
      .updateTable('users')
      .set({ ...change, modified_at: new Date() })
      .where('id', '=', userId)
      .returning(USER_PUBLIC_COLUMNS)
      .executeTakeFirstOrThrow();
    const changes = diffRows(before, after);
    if (Object.keys(changes).length > 0) await recordHistory(trx, { table: 'users', recordId: userId, userId: viewer.userId, action: 'update', changes });
    if (change.is_active === false) await deleteUserSessions(trx, userId);
    return after;
  });
  // After the commit: a request that read the old role before it must not cache it again.
  credentialCache.forgetUser(userId);
  return after;
}
