import { apiFetch } from '../api/api-client.js';

/** The signed-in user as `GET /api/v1/auth/me` returns it. */
export interface CurrentUser {
  id: number;
  username: string;
  email?: string;
  full_name?: string;
  role: 'read_only' | 'contributor' | 'maintainer' | 'user_manager' | 'administrator';
  institution_id?: number | null;
}

export const AUTH = '/api/v1/auth';

function unwrapUser(body: unknown): CurrentUser | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as { user?: CurrentUser } & Partial<CurrentUser>;
  if (b.user) return b.user;
  return typeof b.username === 'string' ? (b as CurrentUser) : null;
}

/** The current user, or null when not signed in. */
export async function fetchCurrentUser(): Promise<CurrentUser | null> {
  try {
    return unwrapUser(await apiFetch<unknown>(`${AUTH}/me`));
  } catch (e) {
    if (e instanceof Error && 'status' in e && ((e as { status: number }).status === 401 || (e as { status: number }).status === 404)) return null;
    throw e;
  }
}

export async function login(username: string, password: string): Promise<CurrentUser | null> {
  return unwrapUser(await apiFetch<unknown>(`${AUTH}/login`, { method: 'POST', body: { username, password } }));
}

export async function logout(): Promise<void> {
  await apiFetch<unknown>(`${AUTH}/logout`, { method: 'POST' });
}

export interface Registration {
  username: string;
  email: string;
  password: string;
  full_name?: string;
  institution_id?: number;
}

export async function register(body: Registration): Promise<void> {
  await apiFetch<unknown>(`${AUTH}/register`, { method: 'POST', body });
}

/** Whether the user's role lets them do something: roles are ordered from read-only to administrator. */
export function hasRole(user: CurrentUser | null, least: CurrentUser['role']): boolean {
  if (!user) return false;
  const order: CurrentUser['role'][] = ['read_only', 'contributor', 'maintainer', 'user_manager', 'administrator'];
  if (least === 'user_manager') return user.role === 'user_manager' || user.role === 'administrator';
  return order.indexOf(user.role) >= order.indexOf(least);
}
