import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip.js';

async function ipOf(trustedHops: number, peer: string, forwardedFor?: string) {
  const app = new Hono().get('/', (c) => c.text(clientIp(c, trustedHops)));
  const res = await app.request('/', { headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }, { incoming: { socket: { remoteAddress: peer } } });
  return res.text();
}

describe('clientIp', () => {
  it('is the socket peer unless proxies are trusted, whatever X-Forwarded-For says', async () => {
    expect(await ipOf(0, '203.0.113.7', '198.51.100.1')).toBe('203.0.113.7');
    expect(await ipOf(0, '::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('takes the entry the trusted proxies appended, not one the client forged', async () => {
    // One proxy (10.0.0.2) appended the address it saw; the client sent "1.2.3.4" itself.
    expect(await ipOf(1, '10.0.0.2', '1.2.3.4, 203.0.113.7')).toBe('203.0.113.7');
    // Two proxies: the outer one appended the client, the inner one the outer proxy.
    expect(await ipOf(2, '10.0.0.3', '1.2.3.4, 203.0.113.7, 10.0.0.2')).toBe('203.0.113.7');
    // Fewer entries than trusted hops: the furthest known address.
    expect(await ipOf(2, '10.0.0.3', '203.0.113.7')).toBe('203.0.113.7');
    expect(await ipOf(1, '10.0.0.2')).toBe('10.0.0.2');
  });
});
