import type { Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { FieldIssue } from '../domain/errors.js';
import { findUnsafeInput } from './input-guard.js';

const invalid = (issues: FieldIssue[]) => ({
  error: { code: 'VALIDATION', message: `Invalid request: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues },
});

/**
 * Runs after zod on every validated part of every request (query, path, JSON body): a schema failure,
 * or a value no column can store (a NUL character, nesting past MAX_INPUT_DEPTH), is a 400 naming the field.
 */
export const validationHook: Hook<unknown, Env, string, Response | undefined> = (result, c) => {
  // On failure `data` is the input as sent: its unsafe value is named beside the schema's issues.
  const unsafe = findUnsafeInput('data' in result ? result.data : undefined);
  const issues = result.success ? [] : result.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  if (unsafe) issues.push(unsafe);
  return issues.length > 0 ? c.json(invalid(issues), 400) : undefined;
};
