import type { ColumnType, Generated } from 'kysely';

export type Role = 'read_only' | 'contributor' | 'maintainer' | 'user_manager' | 'administrator';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  email: string;
  full_name: Generated<string>;
  password_hash: string;
  institution_id: number | null;
  role: Generated<Role>;
  is_active: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  modified_at: ColumnType<Date, Date | undefined, Date>;
}

export interface UserTables {
  users: UsersTable;
}
