import { hashSecret } from './secret-token.js';

/** How long a credential → user lookup is reused. Bounds how stale another process's cache can be (ADR 0002). */
export const CREDENTIAL_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/** What a cached lookup must expose so it can be forgotten: its user, and its session when it is one. */
export interface CredentialOwner {
  id: number;
  session_id?: number;
  /** A session ends at its expiry even if the cache entry is younger. */
  expires_at?: Date;
}

interface Entry {
  value: CredentialOwner;
  expiresAt: number;
}

export interface CredentialCache {
  /** The cached lookup for `secret` (bearer token or session cookie), else `load()`; misses are not cached. */
  lookup<T extends CredentialOwner>(kind: string, secret: string, load: () => Promise<T | undefined>): Promise<T | undefined>;
  /** Drops every cached credential of a user (revoke, logout, password, role or activation change). */
  forgetUser(userId: number): void;
  forgetSession(sessionId: number): void;
}

/**
 * Per-process cache of the bearer-token / session lookup that every API request makes. Changes made
 * through this process call `forget…` after their write, and a generation counter stops a lookup that
 * raced with the change from storing what it read before it. Other processes see a change within the TTL.
 */
export function createCredentialCache(opts: { ttlMs: number; maxEntries: number; now?: () => number }): CredentialCache {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let generation = 0;
  const forgetWhere = (match: (v: CredentialOwner) => boolean) => {
    generation++;
    for (const [key, entry] of entries) if (match(entry.value)) entries.delete(key);
  };
  return {
    async lookup(kind, secret, load) {
      const key = `${kind}:${hashSecret(secret)}`;
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now()) return hit.value as Awaited<ReturnType<typeof load>>;
      if (hit) entries.delete(key);
      const seen = generation;
      const value = await load();
      if (value && seen === generation) {
        const expiresAt = Math.min(now() + opts.ttlMs, value.expires_at ? new Date(value.expires_at).getTime() : Infinity);
        // Oldest first out: Map iteration follows insertion order.
        if (entries.size >= opts.maxEntries) entries.delete(entries.keys().next().value as string);
        entries.set(key, { value, expiresAt });
      }
      return value;
    },
    forgetUser: (userId) => forgetWhere((v) => v.id === userId),
    forgetSession: (sessionId) => forgetWhere((v) => v.session_id === sessionId),
  };
}

/** The server process's cache (one per process, shared by every app instance in it). */
export const credentialCache = createCredentialCache({ ttlMs: CREDENTIAL_CACHE_TTL_MS, maxEntries: MAX_ENTRIES });
