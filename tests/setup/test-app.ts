import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApp } from '../../src/api/app.js';
import type { AppDeps } from '../../src/api/app-deps.js';
import { createApiToken } from '../../src/auth/api-token.repository.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { insertUser } from '../../src/users/user.repository.js';
import type { Role } from '../../src/users/user.table.js';
import { createTestDatabase } from './test-database.js';
import { createTestLogger } from './test-logger.js';
import type { Logger } from '../../src/observability/logger.js';
import { createBlobStoreRoot } from '../../src/storage/open-blob-store.js';

export interface TestUser {
  id: number;
  username: string;
  password: string;
  role: Role;
  /** `Authorization: Bearer …` (+ JSON content type) for this user. */
  headers: Record<string, string>;
}

export interface TestApp {
  app: OpenAPIHono;
  deps: AppDeps;
  handle: DatabaseHandle;
  /** An active user of `role` with an API token. */
  createUser(role: Role, opts?: { institutionId?: number | null; username?: string }): Promise<TestUser>;
  /** The same user signed in with their password: a session cookie and its CSRF token instead of the API token. */
  signIn(user: TestUser): Promise<TestUser>;
  /** JSON request helper: `call('POST', '/api/v1/x', user, body)` (user null = anonymous). */
  call(method: string, path: string, user: TestUser | null, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

let counter = 0;

/** A fresh migrated database (PGlite, or PostgreSQL with TEST_DATABASE_URL) and the app built on it. */
export async function createTestApp(opts: { config?: Partial<Config>; logger?: Logger } = {}): Promise<TestApp> {
  const handle = await createTestDatabase();
  const deps: AppDeps = { config: { ...loadConfig({}), ...opts.config }, db: handle.db, dbKind: handle.kind, logger: opts.logger ?? createTestLogger() };
  // As a server does at start: from then on a missing store directory is an outage (readiness).
  if (opts.config?.dataDir !== undefined) await createBlobStoreRoot(deps.config);
  const app = createApp(deps);
  return {
    app,
    deps,
    handle,
    async createUser(role, userOpts = {}) {
      const username = userOpts.username ?? `${role}_${++counter}`;
      const password = `pw-${username}-secret`;
      const user = await insertUser(handle.db, { username, email: `${username}@example.org`, password, role, isActive: true, institutionId: userOpts.institutionId ?? null });
      const { token } = await createApiToken(handle.db, user.id, 'test');
      return { id: user.id, username, password, role, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } };
    },
    async signIn(user) {
      const res = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.username, password: user.password }) });
      if (res.status !== 200) throw new Error(`sign-in of ${user.username} answered ${res.status}`);
      const cookie = res.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
      const { csrf_token } = (await res.json()) as { csrf_token: string };
      return { ...user, headers: { cookie, 'x-csrf-token': csrf_token, 'content-type': 'application/json' } };
    },
    async call(method, path, user, body) {
      const headers: Record<string, string> = user ? { ...user.headers } : { 'content-type': 'application/json' };
      return app.request(path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    },
    close: () => handle.close(),
  };
}
