import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/data$/);
  });
  it('reads the PostgreSQL pool size per process', () => {
    expect(loadConfig({}).databasePoolMax).toBe(10);
    expect(loadConfig({ DATABASE_POOL_MAX: '40' }).databasePoolMax).toBe(40);
    expect(() => loadConfig({ DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX/);
  });

  it('fails loudly naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
  it('reads the spreadsheet limits (ADR 0011)', () => {
    expect(loadConfig({}).spreadsheetLimits).toEqual({ timeS: 120, memoryMb: 2048 });
    expect(loadConfig({ SPREADSHEET_READ_TIMEOUT_S: '30', SPREADSHEET_READ_MEMORY_MB: '4096' }).spreadsheetLimits).toEqual({ timeS: 30, memoryMb: 4096 });
    expect(() => loadConfig({ SPREADSHEET_READ_MEMORY_MB: '16' })).toThrow(/SPREADSHEET_READ_MEMORY_MB/);
    expect(() => loadConfig({ SPREADSHEET_READ_TIMEOUT_S: '0' })).toThrow(/SPREADSHEET_READ_TIMEOUT_S/);
  });
  it('allows several server processes on PostgreSQL only', () => {
    expect(loadConfig({}).processes).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: '2', DATABASE_URL: 'postgres://db/x' }).processes).toBe(2);
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(/WEB_CONCURRENCY \(serve --processes\) > 1 needs DATABASE_URL/);
    expect(() => loadConfig({ WEB_CONCURRENCY: '0', DATABASE_URL: 'postgres://db/x' })).toThrow(/WEB_CONCURRENCY/);
  });
  it('bounds the upload idle timeout below the temp sweep grace period', () => {
    expect(loadConfig({}).uploadIdleTimeoutMs).toBe(120_000);
    expect(loadConfig({ UPLOAD_IDLE_TIMEOUT_S: '5' }).uploadIdleTimeoutMs).toBe(5000);
    expect(() => loadConfig({ UPLOAD_IDLE_TIMEOUT_S: '3600' })).toThrow(/UPLOAD_IDLE_TIMEOUT_S/);
  });
  it('trusts X-Forwarded-For only for configured proxy hops, apart from Secure cookies', () => {
    expect(loadConfig({ TRUST_PROXY_TLS: 'true' })).toMatchObject({ secureCookies: true, trustProxyHops: 0 });
    expect(loadConfig({ TRUST_PROXY_HOPS: '2' })).toMatchObject({ secureCookies: false, trustProxyHops: 2 });
    expect(() => loadConfig({ TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS/);
  });
  it('reads the sign-in limits and the password hashing cap', () => {
    expect(loadConfig({}).loginLimits).toEqual({ windowS: 900, perAccountClient: 5, perClient: 20, perAccount: 10 });
    expect(loadConfig({ LOGIN_MAX_FAILURES: '3', LOGIN_FAILURE_WINDOW_S: '60' }).loginLimits).toMatchObject({ windowS: 60, perAccountClient: 3 });
    expect(loadConfig({}).passwordHashing.concurrency).toBeGreaterThanOrEqual(1);
    expect(loadConfig({ PASSWORD_HASH_CONCURRENCY: '4', PASSWORD_HASH_QUEUE: '0' }).passwordHashing).toEqual({ concurrency: 4, maxQueued: 0 });
    expect(() => loadConfig({ PASSWORD_HASH_CONCURRENCY: '0' })).toThrow(/PASSWORD_HASH_CONCURRENCY/);
  });
});
