import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/setup/test-database.js';
import type { DatabaseHandle } from '../db/database.js';
import { ensureInitialAdmin } from './initial-admin.js';
import { verifyPassword } from './password.js';

describe('first administrator from the environment', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it('is created once, active, with a hashed password; never twice', async () => {
    const admin = { username: 'root', password: 'first admin pw', email: 'root@lab.example' };
    expect(await ensureInitialAdmin(handle.db, undefined)).toBe(false);
    expect(await ensureInitialAdmin(handle.db, admin)).toBe(true);
    expect(await ensureInitialAdmin(handle.db, { ...admin, username: 'root2' })).toBe(false);
    const rows = await handle.db.selectFrom('users').selectAll().where('role', '=', 'administrator').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ username: 'root', is_active: true });
    expect(rows[0].password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('first admin pw', rows[0].password_hash)).toBe(true);
    expect(await verifyPassword('wrong', rows[0].password_hash)).toBe(false);
  });
});
