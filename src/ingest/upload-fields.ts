import { z } from '@hono/zod-openapi';
import { assertSafeInput } from '../api/input-guard.js';
import { ValidationError } from '../domain/errors.js';

const positiveId = z.string().trim().regex(/^0*[1-9]\d{0,8}$/, 'must be a positive integer').transform(Number);
// An empty field is a field not sent (forms send every input).
const id = z.string().trim().transform((s) => s || undefined).pipe(positiveId.optional());
const text = (max: number) => z.string().trim().max(max).transform((s) => s || undefined);

// "1,2,3" or "[1, 2, 3]": ids as numbers or strings; malformed JSON is the client's mistake, not ours.
const deviceIds = z
  .string()
  .max(10_000)
  .transform((s, ctx) => {
    if (!s.trim().startsWith('[')) return s.split(',');
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected comma-separated ids or a JSON array of ids' });
      return z.NEVER;
    }
  })
  .pipe(z.array(z.union([z.number(), z.string()]).transform(String), 'expected comma-separated ids or a JSON array of ids'))
  .transform((parts) => parts.map((p) => p.trim()).filter(Boolean))
  .pipe(z.array(positiveId));

const timezone = text(100).refine((tz) => tz === undefined || isTimeZone(tz), 'not an IANA time zone');

/** The text fields of an upload form (multipart sends strings); unknown fields are refused like in JSON bodies. */
export const UploadFieldsSchema = z
  .object({
    name: text(10_000).transform((s) => s?.slice(0, 500)),
    equipmentId: id,
    deviceIds,
    format: text(100),
    timezone,
    columnMappingId: id,
  })
  .partial()
  .strict();

export type UploadFields = z.infer<typeof UploadFieldsSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Reads the optional form fields into typed values: a ValidationError names each bad field. */
export function parseUploadFields(fields: Record<string, string>): UploadFields {
  assertSafeInput(fields);
  const parsed = UploadFieldsSchema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  throw new ValidationError(`Invalid upload fields: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
}
