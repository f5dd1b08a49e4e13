import type { AppErrorCode } from '../domain/errors.js';

/** The one place that maps error codes to process exit codes. */
export const exitCodeOf: Record<AppErrorCode, number> = {
  VALIDATION: 2,
  UNAUTHENTICATED: 3,
  FORBIDDEN: 3,
  NOT_FOUND: 4,
  CONFLICT: 5,
  PAYLOAD_TOO_LARGE: 6,
  RATE_LIMITED: 7,
  UNSUPPORTED_FORMAT: 8,
  PARSE_ERROR: 9,
  REQUEST_TIMEOUT: 10,
  INTERNAL: 1,
  STORAGE_UNAVAILABLE: 11,
};
