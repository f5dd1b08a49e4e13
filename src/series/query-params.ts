import { z } from '@hono/zod-openapi';

const MAX_LISTED = 10_000;
// Ids and cycle numbers are PostgreSQL integers. Past 2^53 `c++` no longer moves, so an unbounded number looped until the heap ran out.
const MAX_INTEGER = 2_147_483_647;

/** Parses '1,3,5-9' into [1, 3, 5, 6, 7, 8, 9] (integers up to 2^31 − 1, at most 10,000). */
export function parseIntegerList(text: string): number[] | null {
  const out: number[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b > MAX_INTEGER || out.length + (b - a + 1) > MAX_LISTED) return null;
    for (let c = a; c <= b; c++) out.push(c);
  }
  return out.length > 0 ? out : null;
}

/** A query parameter holding an integer list such as '1,3,5-9'. */
export const integerListParam = (name: string, example: string) =>
  z
    .string()
    .transform((s, ctx) => {
      const list = parseIntegerList(s);
      if (!list) {
        ctx.addIssue({ code: 'custom', message: `${name} must be integers up to ${MAX_INTEGER} or ranges such as ${example} (at most ${MAX_LISTED})` });
        return z.NEVER;
      }
      return list;
    })
    .openapi({ example, param: { name, in: 'query' } });

/** The `:id` path parameter. */
export const IdParams = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 1 }) });
