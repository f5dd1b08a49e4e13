import type { Db } from '../db/database.js';
import { insertUser } from '../users/user.repository.js';

/** Creates the first administrator from ADMIN_USERNAME/ADMIN_PASSWORD when the database has none yet. */
export async function ensureInitialAdmin(db: Db, admin: { username: string; password: string; email: string } | undefined): Promise<boolean> {
  if (!admin) return false;
  const existing = await db.selectFrom('users').select('id').where('role', '=', 'administrator').limit(1).executeTakeFirst();
  if (existing) return false;
  await insertUser(db, { ...admin, role: 'administrator', isActive: true });
  return true;
}
