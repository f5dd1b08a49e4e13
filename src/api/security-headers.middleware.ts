import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from '../config.js';
import { requestIsTls } from '../auth/request-tls.js';

/**
 * The Content-Security-Policy of every response. The web app (Vite build) and the API docs load their
 * scripts and styles from this origin only; uPlot draws on canvas and sets element styles from script
 * (which CSP allows), React sets `style` attributes ('unsafe-inline' for styles only, never scripts).
 * No framing by anyone (frame-ancestors, and X-Frame-Options for old browsers).
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** One year; only ever sent on a request that came over TLS (a plain-HTTP install must stay reachable). */
const HSTS = 'max-age=31536000; includeSubDomains';

/** Security headers (Hono's secureHeaders): CSP, nosniff, Referrer-Policy, no framing; HSTS over TLS. */
export function securityHeadersMiddleware(config: Config): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: false,
  });
  return async (c, next) => {
    await headers(c, next);
    if (requestIsTls(c, config)) c.res.headers.set('Strict-Transport-Security', HSTS);
  };
}
