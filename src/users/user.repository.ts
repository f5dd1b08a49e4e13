import type { Db } from '../db/database.js';
import { hashPassword } from '../auth/password.js';
import type { Role } from './user.table.js';

export const USER_PUBLIC_COLUMNS = ['id', 'username', 'email', 'full_name', 'institution_id', 'role', 'is_active', 'created_at', 'modified_at'] as const;

/** Inserts a user with a hashed password (inactive unless `isActive`). */
export async function insertUser(
  db: Db,
  user: { username: string; email: string; password: string; fullName?: string; institutionId?: number | null; role?: Role; isActive?: boolean },
) {
  return db
    .insertInto('users')
    .values({
      username: user.username,
      email: user.email,
      full_name: user.fullName ?? '',
      password_hash: await hashPassword(user.password),
      institution_id: user.institutionId ?? null,
      role: user.role ?? 'read_only',
      is_active: user.isActive ?? false,
    })
    .returning(USER_PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function findUserById(db: Db, id: number) {
  return db.selectFrom('users').select(USER_PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst();
}
