import { AppError } from '../domain/errors.js';
import type { BlobStore } from './blob-store.js';

/**
 * The blob store cannot be reached or used (object storage down, a local volume gone or read-only).
 * An outage, not a fault of the request or the file: the API answers 503, ingest jobs wait and retry.
 */
export class StorageUnavailableError extends AppError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super('STORAGE_UNAVAILABLE', `The file store is not reachable; try again shortly (${reason})`, { retryAfterS: 5 });
    this.name = 'StorageUnavailableError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

// Network failures (object storage) and file-system failures of the volume itself (local store).
const UNREACHABLE = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH',
  'EIO', 'ESTALE', 'EROFS', 'EACCES', 'EPERM', 'ENOTDIR', 'ENOSPC',
]);

/** Whether an error from a blob store means the store itself is unreachable or unusable. */
export function isStorageUnreachable(err: unknown): boolean {
  if (err instanceof StorageUnavailableError) return true;
  const e = err as { code?: unknown; name?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  if (typeof e?.code === 'string' && UNREACHABLE.has(e.code)) return true;
  if (e?.name === 'TimeoutError' || e?.name === 'RequestTimeout') return true;
  // An S3 server error (500 InternalError, 503 SlowDown / ServiceUnavailable) is the service's, not the request's.
  return (e?.$metadata?.httpStatusCode ?? 0) >= 500;
}

function toStorageError(err: unknown): unknown {
  if (err instanceof StorageUnavailableError || !isStorageUnreachable(err)) return err;
  const e = err as { code?: string; name?: string; message?: string };
  return new StorageUnavailableError(e.code ?? e.name ?? e.message ?? 'unknown error', { cause: err });
}

/** The store with every failure that means "unreachable" raised as StorageUnavailableError. */
export function guardStore(store: BlobStore): BlobStore {
  const guard = <A extends unknown[], R>(op: (...args: A) => Promise<R>) => (...args: A): Promise<R> =>
    op(...args).catch((err: unknown) => Promise.reject(toStorageError(err)));
  return {
    ...store,
    putTemp: guard(store.putTemp),
    publish: guard(store.publish),
    putFile: guard(store.putFile),
    getStream: guard(store.getStream),
    size: guard(store.size),
    delete: guard(store.delete),
    list: guard(store.list),
    listEntries: guard(store.listEntries),
    probe: guard(store.probe),
  };
}
