import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openDatabase, type Db } from '../db/database.js';
import { mapDatabaseError } from '../db/database-errors.js';
import { migrateToLatest } from '../db/migrate.js';
import { ValidationError } from '../domain/errors.js';
import { MIN_PASSWORD_LENGTH } from '../auth/password.js';
import { insertUser } from '../users/user.repository.js';
import type { Role } from '../users/user.table.js';

const ROLES: Role[] = ['read_only', 'contributor', 'maintainer', 'user_manager', 'administrator'];

export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('Manage accounts directly in the database');
  user
    .command('create')
    .description('Create an active account (use --admin for the first administrator)')
    .requiredOption('--username <name>')
    .requiredOption('--password <password>')
    .option('--email <email>')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'contributor')
    .option('--admin', 'make the account an administrator')
    .action(async (opts: UserCreateOptions) => {
      const config = loadConfig();
      const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await migrateToLatest(database.db);
        const created = await createUserFromCli(database.db, opts);
        process.stdout.write(`Created ${created.role} ${created.username} (id ${created.id})\n`);
      } finally {
        await database.close();
      }
    });
}

export interface UserCreateOptions {
  username: string;
  password: string;
  email?: string;
  role: string;
  admin?: boolean;
}

/** Validates the options and inserts an active account (the command's work, minus opening the database). */
export async function createUserFromCli(db: Db, opts: UserCreateOptions) {
  const role = (opts.admin ? 'administrator' : opts.role) as Role;
  if (!ROLES.includes(role)) throw new ValidationError(`--role must be one of ${ROLES.join(', ')}`);
  if (opts.password.length < MIN_PASSWORD_LENGTH) throw new ValidationError(`--password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  try {
    return await insertUser(db, { username: opts.username, email: opts.email ?? `${opts.username}@localhost`, password: opts.password, role, isActive: true });
  } catch (err) {
    throw mapDatabaseError(err, { users_username_key: { field: 'username', message: `User ${opts.username} already exists` } });
  }
}
