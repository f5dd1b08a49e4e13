import type { Db } from '../db/database.js';
import { credentialCache } from './credential-cache.js';
import { hashSecret, newSecret } from './secret-token.js';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

/** Starts a session; returns the cookie value (shown once, stored hashed) and its CSRF token. */
export async function createSession(db: Db, userId: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newSecret('lds_');
  const csrfToken = newSecret('');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  // Expired sessions are never read again; drop this user's on each login so the table stays small.
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', new Date()).execute();
  await db.insertInto('sessions').values({ token_hash: hashSecret(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt }).execute();
  return { token, csrfToken, expiresAt };
}

/** The live session for a cookie value, with its (active) user, or undefined. */
export async function findSession(db: Db, token: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as session_id', 's.csrf_token', 's.expires_at', 'u.id', 'u.role', 'u.institution_id', 'u.is_active'])
    .where('s.token_hash', '=', hashSecret(token))
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
}

export async function deleteSession(db: Db, sessionId: number): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  credentialCache.forgetSession(sessionId);
}

/** Ends every session of a user (password change, deactivation). */
export async function deleteUserSessions(db: Db, userId: number, exceptSessionId?: number): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId !== undefined) q = q.where('id', '<>', exceptSessionId);
  await q.execute();
  credentialCache.forgetUser(userId);
}
