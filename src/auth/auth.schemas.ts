import { z } from '@hono/zod-openapi';
import { MIN_PASSWORD_LENGTH } from './password.js';

const password = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024);
export const RoleSchema = z.enum(['read_only', 'contributor', 'maintainer', 'user_manager', 'administrator']);

export const UserSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    email: z.string(),
    full_name: z.string(),
    institution_id: z.number().int().nullable(),
    role: RoleSchema,
    is_active: z.boolean(),
    created_at: z.string().openapi({ format: 'date-time' }),
    modified_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('User');

export const RegisterSchema = z
  .object({
    username: z.string().regex(/^[A-Za-z0-9_.-]{3,50}$/, '3-50 letters, digits, "_", "." or "-"'),
    email: z.email().max(320),
    password,
    full_name: z.string().trim().max(200).optional(),
    institution_id: z.number().int().positive(),
  })
  .strict()
  .openapi('Registration');

export const LoginSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1024) }).strict().openapi('Login');

export const SessionSchema = z.object({ user: UserSchema, csrf_token: z.string().nullable() }).openapi('Session');

export const PasswordChangeSchema = z
  .object({
    current_password: z.string().min(1).max(1024),
    new_password: password,
    revoke_tokens: z.boolean().default(true).openapi({ description: 'Also revoke every API token of mine (a leaked password may have minted some)' }),
  })
  .strict()
  .openapi('PasswordChange');

export const TokenCreateSchema = z.object({ name: z.string().trim().min(1).max(100) }).strict().openapi('ApiTokenCreate');

export const TokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    token_prefix: z.string(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .openapi('ApiToken');

export const TokensRevokedSchema = z.object({ revoked: z.number().int().openapi({ description: 'Tokens that were live' }) }).openapi('ApiTokensRevoked');

export const NewTokenSchema = z
  .object({ id: z.number().int(), name: z.string(), token_prefix: z.string(), created_at: z.string(), token: z.string().openapi({ description: 'Shown once' }) })
  .openapi('NewApiToken');
