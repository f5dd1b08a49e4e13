import type { Db } from '../db/database.js';
import { NotFoundError } from '../domain/errors.js';
import { credentialCache } from './credential-cache.js';
import { hashSecret, newSecret } from './secret-token.js';

/** Creates an API token for its owner; the plain token is returned once and only its hash is kept. */
export async function createApiToken(db: Db, userId: number, name: string) {
  const token = newSecret('ld_');
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: hashSecret(token), token_prefix: token.slice(0, 10) })
    .returning(['id', 'name', 'token_prefix', 'created_at'])
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

export async function listApiTokens(db: Db, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** Revokes one of the owner's own tokens; another user's token id is "not found". */
export async function revokeApiToken(db: Db, userId: number, tokenId: number): Promise<void> {
  const done = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) throw new NotFoundError('API token', tokenId);
  credentialCache.forgetUser(userId);
}

/** Revokes every live token of a user (a leak, or a password change); returns how many were live. */
export async function revokeAllApiTokens(db: Db, userId: number): Promise<number> {
  const done = await db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  credentialCache.forgetUser(userId);
  return Number(done.numUpdatedRows);
}

const LAST_USED_PRECISION_MS = 60_000;

/** The user behind a live (unrevoked) token, or undefined. */
export async function findTokenUser(db: Db, token: string) {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.last_used_at', 'u.id', 'u.role', 'u.institution_id', 'u.is_active'])
    .where('t.token_hash', '=', hashSecret(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  // A write on every request serialises a busy script on one row; minute precision is enough to show use.
  const now = new Date();
  if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() > LAST_USED_PRECISION_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  const { last_used_at: _lastUsed, ...user } = row;
  return user;
}
