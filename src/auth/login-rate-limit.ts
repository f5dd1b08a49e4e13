import { AppError } from '../domain/errors.js';

export interface LoginRateLimiter {
  /** Throws RATE_LIMITED when `key` has had too many recent failures. */
  check(key: string): void;
  recordFailure(key: string): void;
  reset(key: string): void;
}

/**
 * Failed logins per username+IP in a sliding window, in memory (one server process; a restart forgets,
 * which only ever helps the legitimate user). 5 failures in 15 minutes lock that pair until the oldest expires.
 */
export function createLoginRateLimiter(opts: { maxFailures?: number; windowMs?: number; now?: () => number } = {}): LoginRateLimiter {
  const maxFailures = opts.maxFailures ?? 5;
  const windowMs = opts.windowMs ?? 15 * 60 * 1000;
  const now = opts.now ?? Date.now;
  const failures = new Map<string, number[]>();
  const recent = (key: string) => (failures.get(key) ?? []).filter((t) => t > now() - windowMs);
  return {
    check(key) {
      const times = recent(key);
      if (times.length >= maxFailures) {
        const retryS = Math.ceil((times[0] + windowMs - now()) / 1000);
        throw new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${retryS} s`, { retryAfterS: retryS });
      }
    },
    recordFailure(key) {
      if (failures.size > 10_000) for (const k of failures.keys()) if (recent(k).length === 0) failures.delete(k);
      failures.set(key, [...recent(key), now()]);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
