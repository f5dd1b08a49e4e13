import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'liionsden_session';
/** Readable by the web app's JavaScript, which echoes it in the X-CSRF-Token header. */
export const CSRF_COOKIE = 'liionsden_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function setSessionCookies(c: Context, session: { token: string; csrfToken: string; expiresAt: Date }, secure: boolean): void {
  const common = { path: '/', sameSite: 'Lax' as const, secure, expires: session.expiresAt };
  setCookie(c, SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  setCookie(c, CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure });
  deleteCookie(c, CSRF_COOKIE, { path: '/', secure });
}
