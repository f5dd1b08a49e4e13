/** Stable error codes. One place (api/error-mapping.ts) maps them to HTTP, one (cli/exit-codes.ts) to exit codes. */
export type AppErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'RATE_LIMITED'
  | 'UNSUPPORTED_FORMAT'
  | 'PARSE_ERROR'
  | 'STORAGE_UNAVAILABLE'
  | 'INTERNAL';

export interface FieldIssue {
  field: string;
  message: string;
}

/** Base class for every error we raise on purpose. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: { issues?: FieldIssue[]; [key: string]: unknown },
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues: FieldIssue[] = []) {
    super('VALIDATION', message, { issues });
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id?: string | number) {
    super('NOT_FOUND', id === undefined ? `${what} not found` : `${what} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CONFLICT', message, details);
    this.name = 'ConflictError';
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You may not do this') {
    super('FORBIDDEN', message);
    this.name = 'ForbiddenError';
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in first') {
    super('UNAUTHENTICATED', message);
    this.name = 'UnauthenticatedError';
  }
}

/** No parser recognised the file; `reasons` says, per parser tried, why not. */
export class UnsupportedFormatError extends AppError {
  constructor(fileName: string, reasons: string[]) {
    super('UNSUPPORTED_FORMAT', `${fileName}: no parser recognises this file`, { reasons });
    this.name = 'UnsupportedFormatError';
  }
}
