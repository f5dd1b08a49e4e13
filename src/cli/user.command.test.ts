import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/setup/test-database.js';
import { verifyPassword } from '../auth/password.js';
import type { DatabaseHandle } from '../db/database.js';
import { createUserFromCli } from './user.command.js';

describe('liionsden user create', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it('--admin creates an active administrator with a hashed password', async () => {
    await createUserFromCli(handle.db, { username: 'root', password: 'first admin pw', email: 'root@lab.example', role: 'contributor', admin: true });
    const user = await handle.db.selectFrom('users').selectAll().where('username', '=', 'root').executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: 'administrator', is_active: true, email: 'root@lab.example' });
    expect(await verifyPassword('first admin pw', user.password_hash)).toBe(true);
  });

  it('refuses a bad role, a short password and a taken username with clear errors', async () => {
    await expect(createUserFromCli(handle.db, { username: 'x1', password: 'long enough pw', role: 'god' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(createUserFromCli(handle.db, { username: 'x2', password: 'short', role: 'contributor' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(createUserFromCli(handle.db, { username: 'root', password: 'long enough pw', role: 'contributor' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
