import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION' }),
      message: z.string(),
      issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/** The error responses every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: error('Invalid input (the issues name each field and reason)'),
  401: error('Not signed in'),
  403: error('Not allowed for your role, or missing CSRF token'),
  404: error('Not found (or not visible to you)'),
  409: error('Conflicts with an existing record'),
  413: error('Body too large'),
};
