import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_SPREADSHEET_LIMITS, type SpreadsheetLimits } from './parsers/common/spreadsheet-reader.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Raw files from this size on are parsed in batches when their format allows (ADR 0008). */
export const DEFAULT_STREAM_MIN_BYTES = 64 * 1024 ** 2;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  // Connections per process: (processes + worker processes) × this must stay under PostgreSQL's max_connections.
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  BLOB_STORE: z.enum(['local', 's3']).default('local'),
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_FORCE_PATH_STYLE: booleanFlag.default(false),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(5 * 1024 ** 3),
  MAX_ATTACHMENT_BYTES: z.coerce.number().int().positive().default(50 * 1024 ** 2),
  // At most half the temp sweep's grace period (storage/temp-sweep.ts), so the sweep never meets a live upload.
  UPLOAD_IDLE_TIMEOUT_S: z.coerce.number().int().min(1).max(1800).default(120),
  ANONYMOUS_READ: booleanFlag.default(false),
  TRUST_PROXY_TLS: booleanFlag.default(false),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOGIN_FAILURE_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(900),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_CLIENT_FAILURES: z.coerce.number().int().min(1).default(20),
  LOGIN_MAX_ACCOUNT_FAILURES: z.coerce.number().int().min(1).default(10),
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).default(32),
  WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  // A killed worker's job is claimed again this long after its last heartbeat (every lease/5; ADR 0005).
  JOB_LEASE_S: z.coerce.number().min(1).max(3600).default(10),
  // SIGTERM: jobs in hand may finish for this long; what is left is handed back to the queue at once.
  SHUTDOWN_GRACE_S: z.coerce.number().min(0).max(3600).default(30),
  STREAM_INGEST_MIN_BYTES: z.coerce.number().int().min(0).default(DEFAULT_STREAM_MIN_BYTES),
  SPREADSHEET_READ_TIMEOUT_S: z.coerce.number().positive().default(DEFAULT_SPREADSHEET_LIMITS.timeS),
  // SheetJS alone fills ≈ 20 MB of worker heap before it reads a cell.
  SPREADSHEET_READ_MEMORY_MB: z.coerce.number().int().min(64).default(DEFAULT_SPREADSHEET_LIMITS.memoryMb),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  ADMIN_USERNAME: z.string().min(1).optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
  // Unset: /metrics answers loopback clients only (ADR 0013).
  MONITOR_STALL_FACTOR: z.coerce.number().min(1).max(100).default(3),
  MONITOR_MIN_INTERVAL_S: z.coerce.number().int().min(1).default(60),
  MONITOR_FINISHED_AFTER_S: z.coerce.number().int().min(1).default(6 * 3600),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL connections this process may hold at once (docs/operations.md, "Scale"). */
  databasePoolMax: number;
  blobStore: 'local' | 's3';
  s3: { bucket?: string; endpoint?: string; region: string; forcePathStyle: boolean; accessKeyId?: string; secretAccessKey?: string };
  maxUploadBytes: number;
  /** Spec sheets and reference PDFs. */
  maxAttachmentBytes: number;
  /** An upload whose body sends nothing for this long is aborted (408) and its temp object removed. */
  uploadIdleTimeoutMs: number;
  anonymousRead: boolean;
  secureCookies: boolean;
  /** Reverse proxies in front of the server whose X-Forwarded-For entries are believed (client-ip.ts). */
  trustProxyHops: number;
  /** Failed sign-ins allowed in a sliding window, kept in the database (login-rate-limit.ts, ADR 0012). */
  loginLimits: LoginLimits;
  /** scrypt runs at most `concurrency` at once per process; `maxQueued` more wait, the rest get 429. */
  passwordHashing: { concurrency: number; maxQueued: number };
  workers: number;
  /** How long a claimed job is held without a heartbeat before another worker may take it. */
  jobLeaseMs: number;
  /** SIGTERM: how long jobs in hand may run on before they are handed back to the queue. */
  shutdownGraceMs: number;
  /** Raw files from this size on are ingested (and `liionsden parse`d) in batches when their format allows. */
  streamIngestMinBytes: number;
  /** Time and heap one .xls/.xlsx read may take (worker thread) before its file fails (ADR 0011). */
  spreadsheetLimits: SpreadsheetLimits;
  /** HTTP server processes (node:cluster); more than one needs PostgreSQL. */
  processes: number;
  initialAdmin: { username: string; password: string; email: string } | undefined;
  logLevel: 'silent' | 'error' | 'info' | 'debug';
  /** Bearer token that `GET /metrics` asks for; undefined: loopback clients only. */
  metricsToken: string | undefined;
  /** Channel monitor (src/monitor/channel-state.ts, docs/harvesting.md). */
  monitor: MonitorSettings;
};

export interface MonitorSettings {
  /** Stalled: no append for longer than this many times the channel's usual append interval. */
  stallFactor: number;
  /** The usual interval is never taken shorter than this (a harvester scans every 30 s by default). */
  minIntervalS: number;
  /** A stalled channel whose last step is a rest is finished once idle this long. */
  finishedAfterS: number;
}

export interface LoginLimits {
  windowS: number;
  /** Per account and client address. */
  perAccountClient: number;
  /** Per client address, over every username it tries. */
  perClient: number;
  /** Per account, over every client; then only clients without failures for it may still try. */
  perAccount: number;
}

// scrypt runs on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE), shared with file I/O:
// keep one thread free for it however many cores there are.
const defaultHashConcurrency = () => Math.max(1, Math.min(2 * availableParallelism(), 3));

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.BLOB_STORE === 's3' && !e.S3_BUCKET) throw new ConfigError('Invalid configuration: S3_BUCKET is required when BLOB_STORE=s3');
  if ((e.ADMIN_USERNAME === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid configuration: ADMIN_USERNAME and ADMIN_PASSWORD must be set together');
  }
  if (e.WEB_CONCURRENCY > 1 && !e.DATABASE_URL) {
    throw new ConfigError('Invalid configuration: WEB_CONCURRENCY (serve --processes) > 1 needs DATABASE_URL (PGlite is one process)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    blobStore: e.BLOB_STORE,
    s3: {
      bucket: e.S3_BUCKET,
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    },
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxAttachmentBytes: e.MAX_ATTACHMENT_BYTES,
    uploadIdleTimeoutMs: e.UPLOAD_IDLE_TIMEOUT_S * 1000,
    anonymousRead: e.ANONYMOUS_READ,
    secureCookies: e.TRUST_PROXY_TLS,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    loginLimits: {
      windowS: e.LOGIN_FAILURE_WINDOW_S,
      perAccountClient: e.LOGIN_MAX_FAILURES,
      perClient: e.LOGIN_MAX_CLIENT_FAILURES,
      perAccount: e.LOGIN_MAX_ACCOUNT_FAILURES,
    },
    passwordHashing: { concurrency: e.PASSWORD_HASH_CONCURRENCY ?? defaultHashConcurrency(), maxQueued: e.PASSWORD_HASH_QUEUE },
    workers: e.WORKERS,
    jobLeaseMs: e.JOB_LEASE_S * 1000,
    shutdownGraceMs: e.SHUTDOWN_GRACE_S * 1000,
    streamIngestMinBytes: e.STREAM_INGEST_MIN_BYTES,
    spreadsheetLimits: { timeS: e.SPREADSHEET_READ_TIMEOUT_S, memoryMb: e.SPREADSHEET_READ_MEMORY_MB },
    processes: e.WEB_CONCURRENCY,
    initialAdmin: e.ADMIN_USERNAME && e.ADMIN_PASSWORD
      ? { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD, email: e.ADMIN_EMAIL ?? `${e.ADMIN_USERNAME}@localhost` }
      : undefined,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    monitor: { stallFactor: e.MONITOR_STALL_FACTOR, minIntervalS: e.MONITOR_MIN_INTERVAL_S, finishedAfterS: e.MONITOR_FINISHED_AFTER_S },
  };
}

/** The API token a client command (`liionsden harvest`) sends, from LIIONSDEN_TOKEN (kept out of the process list). */
export function apiTokenFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.LIIONSDEN_TOKEN?.trim() || undefined;
}
