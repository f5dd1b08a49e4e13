import { anonymousViewer } from '../access/viewer.js';
import { visibleIds } from '../access/visibility.js';
import type { Db } from '../db/database.js';
import { mapDatabaseError } from '../db/database-errors.js';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../domain/errors.js';
import { findUserById, insertUser } from '../users/user.repository.js';
import type { LoginLimits } from '../config.js';
import { revokeAllApiTokens } from './api-token.repository.js';
import { beginLoginAttempt } from './login-rate-limit.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
import type { PasswordHashGate } from './password-hash-gate.js';
import { createSession, deleteUserSessions } from './session.repository.js';

const USER_CONFLICTS = {
  users_username_key: { field: 'username', message: 'This username is taken' },
  users_email_lower: { field: 'email', message: 'An account with this email already exists' },
};

/** Registers an inactive read-only account at a public organisation; a user manager activates it. */
export async function registerUser(db: Db, input: { username: string; email: string; password: string; full_name?: string; institution_id: number }) {
  // Registration is anonymous, so only public organisations may be chosen (and probed).
  const publicOnly = anonymousViewer(true);
  const visible = await visibleIds(db, publicOnly, 'organisations', [input.institution_id]);
  if (!visible.has(input.institution_id)) throw new ValidationError('Unknown institution', [{ field: 'institution_id', message: 'no public organisation with this id' }]);
  try {
    return await insertUser(db, { username: input.username, email: input.email, password: input.password, fullName: input.full_name, institutionId: input.institution_id });
  } catch (err) {
    throw mapDatabaseError(err, USER_CONFLICTS);
  }
}

/** Checks the password (rate-limited per account and client, login-rate-limit.ts) and opens a session. */
export async function login(db: Db, deps: { limits: LoginLimits; hashGate: PasswordHashGate }, input: { username: string; password: string; ip: string }) {
  const attempt = await beginLoginAttempt(db, deps.limits, { account: input.username.toLowerCase(), client: input.ip });
  const row = await db.selectFrom('users').select(['id', 'password_hash', 'is_active']).where('username', '=', input.username).executeTakeFirst();
  // Hash even for unknown usernames so response time does not reveal which exist.
  let ok: boolean;
  try {
    ok = await deps.hashGate.run(() => verifyPassword(input.password, row?.password_hash ?? DUMMY_HASH));
  } catch (err) {
    await attempt.withdraw();
    throw err;
  }
  if (!row || !ok) throw new UnauthenticatedError('Wrong username or password');
  await attempt.succeeded();
  if (!row.is_active) throw new ForbiddenError('This account is waiting for approval by a user manager (or has been deactivated)');
  const session = await createSession(db, row.id);
  return { session, user: (await findUserById(db, row.id))! };
}

/** Replaces the password after checking the current one, ends the user's other sessions and, if asked, revokes their API tokens. */
export async function changePassword(db: Db, userId: number, input: { current_password: string; new_password: string; revoke_tokens: boolean }, keepSessionId?: number): Promise<void> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.current_password, row.password_hash))) {
    throw new ValidationError('The current password is wrong', [{ field: 'current_password', message: 'is wrong' }]);
  }
  await db.updateTable('users').set({ password_hash: await hashPassword(input.new_password), modified_at: new Date() }).where('id', '=', userId).execute();
  await deleteUserSessions(db, userId, keepSessionId);
  if (input.revoke_tokens) await revokeAllApiTokens(db, userId);
}
