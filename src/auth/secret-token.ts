import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new random credential (256 bits), URL-safe, with a recognisable prefix ("ld_" tokens, "lds_" sessions). */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Credentials are high-entropy, so a fast hash is enough to make a stolen table useless. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time string comparison (for CSRF tokens). */
export function secretsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
