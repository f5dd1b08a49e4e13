import { ValidationError, type FieldIssue } from '../domain/errors.js';

/** Deepest nesting a request value may have: attributes and metadata are small documents, and far deeper ones overflow the stack where they are serialised. */
export const MAX_INPUT_DEPTH = 64;

const NUL = '\u0000';
const shown = (key: string) => key.replaceAll(NUL, '\\u0000');

/**
 * The first thing in a decoded request value (query, path params, JSON body, form fields) that no route
 * may accept: a NUL character in a string or key (PostgreSQL text cannot hold one), or nesting deeper
 * than MAX_INPUT_DEPTH. Walks without recursion, so any depth is safe to inspect.
 */
export function findUnsafeInput(value: unknown): FieldIssue | undefined {
  const pending: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const field = next.path.join('.') || '(body)';
    if (typeof next.value === 'string') {
      if (next.value.includes(NUL)) return { field, message: 'must not contain a NUL character (\\u0000)' };
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.path.length >= MAX_INPUT_DEPTH) return { field, message: `is nested deeper than ${MAX_INPUT_DEPTH} levels` };
    // Reversed onto the stack, so the first field is looked at first.
    for (const [key, child] of Object.entries(next.value).reverse()) {
      if (key.includes(NUL)) return { field: [...next.path, shown(key)].join('.'), message: 'a key must not contain a NUL character (\\u0000)' };
      pending.push({ value: child, path: [...next.path, key] });
    }
  }
  return undefined;
}

/** Throws a ValidationError naming the field when `value` holds a NUL character or is nested too deeply. */
export function assertSafeInput(value: unknown): void {
  const issue = findUnsafeInput(value);
  if (issue) throw new ValidationError(`Invalid request: ${issue.field}: ${issue.message}`, [issue]);
}
