import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { anonymousViewer, type Viewer } from '../access/viewer.js';
import type { AppDeps } from '../api/app-deps.js';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.js';
import { findTokenUser } from './api-token.repository.js';
import { CSRF_HEADER, SESSION_COOKIE } from './cookies.js';
import { credentialCache } from './credential-cache.js';
import { secretsEqual } from './secret-token.js';
import { findSession } from './session.repository.js';

export interface AuthInfo {
  method: 'anonymous' | 'session' | 'bearer';
  sessionId?: number;
  csrfToken?: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    viewer: Viewer;
    auth: AuthInfo;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The viewer of a request (anonymous when the middleware did not run). */
export function viewerOf(c: Context, anonymousRead = false): Viewer {
  return c.get('viewer') ?? anonymousViewer(anonymousRead);
}

/**
 * Resolves who is asking: `Authorization: Bearer <api token>` first, else the session cookie.
 * A bad bearer token is a 401 (the client meant to authenticate); a stale cookie just means anonymous.
 * Cookie-authenticated writes must echo the session's CSRF token in X-CSRF-Token (synchroniser token);
 * bearer requests are exempt because browsers never attach them by themselves.
 * Lookups are cached for a few seconds (credential-cache.ts): revocations in this process apply at once.
 */
export function viewerMiddleware(deps: AppDeps): MiddlewareHandler {
  return async (c, next) => {
    const anonymousRead = deps.config.anonymousRead;
    c.set('viewer', anonymousViewer(anonymousRead));
    c.set('auth', { method: 'anonymous' });
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new UnauthenticatedError('Authorization header must be "Bearer <token>"');
      const user = await credentialCache.lookup('bearer', match[1], () => findTokenUser(deps.db, match[1]));
      if (!user) throw new UnauthenticatedError('Invalid or revoked API token');
      if (!user.is_active) throw new UnauthenticatedError('This account is not active');
      c.set('viewer', { userId: user.id, role: user.role, institutionId: user.institution_id, anonymousRead });
      c.set('auth', { method: 'bearer' });
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = cookie ? await credentialCache.lookup('session', cookie, () => findSession(deps.db, cookie)) : undefined;
    if (session && session.is_active) {
      if (!SAFE_METHODS.has(c.req.method)) {
        const sent = c.req.header(CSRF_HEADER);
        if (!sent || !secretsEqual(sent, session.csrf_token)) throw new ForbiddenError('Missing or wrong CSRF token (send the X-CSRF-Token header)');
      }
      c.set('viewer', { userId: session.id, role: session.role, institutionId: session.institution_id, anonymousRead });
      c.set('auth', { method: 'session', sessionId: session.session_id, csrfToken: session.csrf_token });
    }
    return next();
  };
}
