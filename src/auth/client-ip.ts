import { isIPv4 } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The client address. Behind `trustedHops` reverse proxies, each proxy appends the address it saw to
 * X-Forwarded-For, so the client is the entry `trustedHops` from the right (counting the socket peer
 * as hop 0); everything left of it was written by the client and can be forged. With 0, the peer.
 */
export function clientIp(c: Context, trustedHops: number): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress ?? 'unknown';
  if (trustedHops === 0) return normaliseIp(peer);
  const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const hops = [peer, ...forwarded.reverse()];
  return normaliseIp(hops[Math.min(trustedHops, hops.length - 1)]);
}

/** `::ffff:192.0.2.1` (IPv4 on a dual-stack socket) and `192.0.2.1` are one client. */
function normaliseIp(ip: string): string {
  const mapped = /^::ffff:(.+)$/i.exec(ip);
  return mapped && isIPv4(mapped[1]) ? mapped[1] : ip.toLowerCase();
}
