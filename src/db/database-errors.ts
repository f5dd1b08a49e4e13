import { AppError, ConflictError, ValidationError } from '../domain/errors.js';

/** What both node-postgres and PGlite errors carry (SQLSTATE and, for constraint errors, the constraint). */
interface PgErrorLike {
  code: string;
  constraint?: string;
  detail?: string;
  column?: string;
}

function isPgError(err: unknown): err is PgErrorLike {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((err as { code: string }).code);
}

/** Connection-level failures: the database is down or restarting. */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

export function isDatabaseUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE.has(code);
}

/**
 * THE mapping of database errors caused by input to AppErrors: unique violation (23505) → 409,
 * foreign key / check / not-null / bad value / unstorable character → 400. `conflicts` names a unique constraint's field and message.
 * Returns the error unchanged when it is not one of these.
 */
export function mapDatabaseError(err: unknown, conflicts: Record<string, { field: string; message: string }> = {}): unknown {
  if (err instanceof AppError || !isPgError(err)) return err;
  // A unique name has two indexes (migration 20261208000000): among public records (`…_live`) and among one owner's (`…_own`).
  const known = err.constraint ? (conflicts[err.constraint] ?? conflicts[err.constraint.replace(/_own$/, '_live')]) : undefined;
  switch (err.code) {
    case '23505':
      return known
        ? new ConflictError(known.message, { issues: [{ field: known.field, message: known.message }] })
        : new ConflictError('A record with these values already exists');
    case '23503': {
      // Named by its column (`Key (user_id)=(7) is not present…`), never by the constraint; the same words as a record the writer cannot see.
      const [, field = '(reference)', id = '?'] = /^Key \(([a-z_]+)\)=\(([^)]*)\)/.exec(err.detail ?? '') ?? [];
      return new ValidationError(`${field}: no visible record ${id}`, [{ field, message: `no visible record with id ${id}` }]);
    }
    case '23514':
      return new ValidationError(`A value is not allowed${err.constraint ? ` (${err.constraint})` : ''}`);
    case '23502':
      return new ValidationError(`A required value is missing${err.column ? `: ${err.column}` : ''}`, err.column ? [{ field: err.column, message: 'is required' }] : []);
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22001':
    case '22023':
    case '22P05':
    case '2201B':
      return new ValidationError('A value has the wrong form or is out of range');
    case '22021':
      // Text with a NUL character (or bytes that are not UTF-8): the validation hook names the field; this is the net under it.
      return new ValidationError('A text value contains a character the database cannot store (such as NUL, \\u0000)');
    default:
      return err;
  }
}
