import { apiFetch } from '../api/api-client.js';

import type { ApiRegistration, ApiSession, ApiUser } from '../api/api-types.js';

/** The signed-in user as `GET /api/v1/auth/me` returns it. */
export type CurrentUser = ApiUser;

export const AUTH = '/api/v1/auth';

function unwrapUser(body: ApiSession | undefined): CurrentUser | null {
  return body?.user ?? null;
}

/** The current user, or null when not signed in. */
export async function fetchCurrentUser(): Promise<CurrentUser | null> {
  try {
    return unwrapUser(await apiFetch<ApiSession>(`${AUTH}/me`));
  } catch (e) {
    if (e instanceof Error && 'status' in e && ((e as { status: number }).status === 401 || (e as { status: number }).status === 404)) return null;
    throw e;
  }
}

export async function login(username: string, password: string): Promise<CurrentUser | null> {
  return unwrapUser(await apiFetch<ApiSession>(`${AUTH}/login`, { method: 'POST', body: { username, password } }));
}

export async function logout(): Promise<void> {
  await apiFetch<unknown>(`${AUTH}/logout`, { method: 'POST' });
}

export type Registration = Omit<ApiRegistration, 'institution_id'> & { institution_id?: number };

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
