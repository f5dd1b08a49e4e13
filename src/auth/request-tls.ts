import type { Context } from 'hono';
import type { Config } from '../config.js';

/**
 * Whether the request reached us over TLS: the server's own URL is https, TRUST_PROXY_TLS says the
 * proxy in front always terminates TLS, or a trusted proxy (TRUST_PROXY_HOPS > 0) says so in
 * X-Forwarded-Proto (its nearest entry). Decides `Secure` cookies and HSTS.
 */
export function requestIsTls(c: Context, config: Pick<Config, 'secureCookies' | 'trustProxyHops'>): boolean {
  if (config.secureCookies || new URL(c.req.url).protocol === 'https:') return true;
  if (config.trustProxyHops === 0) return false;
  const protos = (c.req.header('x-forwarded-proto') ?? '').split(',').map((p) => p.trim().toLowerCase());
  return protos[protos.length - 1] === 'https';
}
