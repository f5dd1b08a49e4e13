import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { visibleTo } from '../access/visibility.js';
import { anonymousViewer } from '../access/viewer.js';
import type { AppDeps } from '../api/app-deps.js';
import { jsonBodyLimit } from '../api/body-limit.js';
import { errorResponses } from '../api/error-responses.js';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.js';
import { findUserById } from '../users/user.repository.js';
import { LoginSchema, PasswordChangeSchema, RegisterSchema, SessionSchema, UserSchema } from './auth.schemas.js';
import { changePassword, login, registerUser } from './auth.service.js';
import { clientIp } from './client-ip.js';
import { clearSessionCookies, setSessionCookies } from './cookies.js';
import { requestIsTls } from './request-tls.js';
import { createPasswordHashGate } from './password-hash-gate.js';
import { deleteSession } from './session.repository.js';
import { viewerOf } from './viewer.middleware.js';

const tags = ['auth'];
const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const ok = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** The signed-in user id, or 401. */
export function requireUserId(c: Context): number {
  const id = viewerOf(c).userId;
  if (id === null) throw new UnauthenticatedError();
  return id;
}

/**
 * The signed-in user id of a password sign-in (a session), or 403 for an API token: a leaked token must
 * not be able to mint more tokens, revoke the owner's, or take the account over (ADR 0012).
 */
export function requireSessionUserId(c: Context): number {
  const id = requireUserId(c);
  if (c.get('auth')?.method === 'bearer') {
    throw new ForbiddenError('API tokens cannot manage API tokens or change the password; sign in with your password (the web app) to do this');
  }
  return id;
}

/** Registration, login, logout, me and password change. */
export function registerAuthRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const hashGate = createPasswordHashGate(deps.config.passwordHashing);
  const loginDeps = { limits: deps.config.loginLimits, hashGate };
  // Secure cookies whenever the request came over TLS (request-tls.ts).
  const secure = (c: Context) => requestIsTls(c, deps.config);

  app.openapi(
    createRoute({ method: 'post', path: '/api/v1/auth/register', tags, summary: 'Ask for an account (inactive until a user manager approves)', middleware: [jsonBodyLimit], request: jsonBody(RegisterSchema), responses: { 201: ok(UserSchema, 'Registered, awaiting approval'), ...errorResponses } }),
    async (c) => c.json(await hashGate.run(() => registerUser(deps.db, c.req.valid('json'))), 201) as never,
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/v1/auth/institutions', tags, summary: 'Public organisations to choose from when registering', responses: { 200: ok(z.array(z.object({ id: z.number(), name: z.string() })), 'Choices') } }),
    async (c) => {
      // Through the one scope, as a visitor allowed to read public data: registrants are anonymous.
      const rows = await deps.db.selectFrom('organisations as o').select(['o.id', 'o.name']).where(visibleTo(anonymousViewer(true), 'organisations as o')).orderBy('o.name').execute();
      return c.json(rows, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/api/v1/auth/login', tags, summary: 'Sign in: sets the session cookie and returns the CSRF token', middleware: [jsonBodyLimit], request: jsonBody(LoginSchema), responses: { 200: ok(SessionSchema, 'Signed in'), 429: errorResponses[400], ...errorResponses } }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const { session, user } = await login(deps.db, loginDeps, { username, password, ip: clientIp(c, deps.config.trustProxyHops) });
      setSessionCookies(c, session, secure(c));
      return c.json({ user, csrf_token: session.csrfToken }, 200) as never;
    },
  );

  app.openapi(createRoute({ method: 'post', path: '/api/v1/auth/logout', tags, summary: 'Sign out (ends this session)', responses: { 204: { description: 'Signed out' }, ...errorResponses } }), async (c) => {
    const auth = c.get('auth');
    if (auth?.sessionId !== undefined) await deleteSession(deps.db, auth.sessionId);
    clearSessionCookies(c, secure(c));
    return c.body(null, 204);
  });

  app.openapi(createRoute({ method: 'get', path: '/api/v1/auth/me', tags, summary: 'The signed-in user (and the CSRF token of a cookie session)', responses: { 200: ok(SessionSchema, 'Me'), ...errorResponses } }), async (c) => {
    const user = await findUserById(deps.db, requireUserId(c));
    if (!user) throw new UnauthenticatedError();
    return c.json({ user, csrf_token: c.get('auth')?.csrfToken ?? null }, 200) as never;
  });

  app.openapi(
    createRoute({ method: 'post', path: '/api/v1/auth/password', tags, summary: 'Change my password (ends my other sessions and, unless revoke_tokens is false, revokes my API tokens; not with an API token)', middleware: [jsonBodyLimit], request: jsonBody(PasswordChangeSchema), responses: { 204: { description: 'Changed' }, ...errorResponses } }),
    async (c) => {
      await hashGate.run(() => changePassword(deps.db, requireSessionUserId(c), c.req.valid('json'), c.get('auth')?.sessionId));
      return c.body(null, 204);
    },
  );
}
