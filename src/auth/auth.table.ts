import type { ColumnType, Generated } from 'kysely';

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: ColumnType<Date, never, never>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A failed (or still running) sign-in attempt; see login-rate-limit.ts. */
export interface LoginFailuresTable {
  id: Generated<number>;
  /** The username as typed, lowercased, whether or not the account exists. */
  account: string;
  client: string;
  failed_at: ColumnType<Date, never, never>;
}

export interface AuthTables {
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
}
