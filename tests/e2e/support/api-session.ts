/** A signed-in API client for test setup (cookie session + CSRF header), outside the browser. */
export interface ApiSession {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  upload<T>(path: string, form: FormData): Promise<T>;
}

export async function apiLogin(baseUrl: string, username: string, password: string): Promise<ApiSession> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('liionsden_csrf='))?.split('=')[1] ?? '';
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const r = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { cookie: cookies.join('; '), 'x-csrf-token': decodeURIComponent(csrf), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return (r.status === 204 ? undefined : await r.json()) as T;
    },
    async upload<T>(path: string, form: FormData): Promise<T> {
      const r = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { cookie: cookies.join('; '), 'x-csrf-token': decodeURIComponent(csrf) }, body: form });
      if (!r.ok) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}

/** A public institution to register with (created by the admin session). */
export async function ensureInstitution(admin: ApiSession, name: string): Promise<number> {
  const org = await admin.request<{ id: number }>('POST', '/api/v1/organisations', { name, status: 'public', is_research: true });
  return org.id;
}

/** Registers and approves an account through the API (for tests whose subject is not accounts). */
export async function createUser(baseUrl: string, admin: ApiSession, username: string, institutionId: number, role = 'contributor'): Promise<{ username: string; password: string; session: ApiSession }> {
  const password = `${username}-password`;
  const res = await fetch(`${baseUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, email: `${username}@example.org`, password, full_name: username, institution_id: institutionId }),
  });
  if (!res.ok) throw new Error(`register ${username}: ${res.status} ${await res.text()}`);
  const user = (await res.json()) as { id: number };
  await admin.request('POST', `/api/v1/users/${user.id}/approve`, { role });
  return { username, password, session: await apiLogin(baseUrl, username, password) };
}

/** Waits until each data file is parsed (state `ready`), polling every 200 ms for at most a minute each. */
export async function waitUntilParsed(session: ApiSession, ids: readonly number[]): Promise<void> {
  for (const id of ids) {
    for (let tries = 0; (await session.request<{ state: string }>('GET', `/api/v1/data-files/${id}`)).state !== 'ready'; tries++) {
      if (tries > 300) throw new Error(`data file ${id} was not parsed within a minute`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** A name unique to this run, so test files never collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}
