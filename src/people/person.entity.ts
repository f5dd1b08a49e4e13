import { z } from '@hono/zod-openapi';
import { canManageUsers } from '../access/viewer.js';
import { ValidationError } from '../domain/errors.js';
import { defineEntity, type WriteContext } from '../entities/entity-definition.js';

/** People: authors and contacts; `name` is the long name, optionally linked to a user account. */
export const personEntity = defineEntity({
  table: 'people',
  plural: 'people',
  label: 'Person',
  fields: {
    short_name: z.string().trim().max(200).optional(),
    user_id: z.number().int().positive().nullable().optional(),
    organisation_id: z.number().int().positive().nullable().optional(),
  },
  filters: { short_name: 'text', user_id: 'id', organisation_id: 'id' },
  search: ['short_name'],
  sort: ['short_name'],
  references: { organisation_id: 'organisations' },
  lockedWhenPublic: true,
  prepare: checkLinkedAccount,
});

/**
 * A person is linked to the writer's own account, or by a user manager to anyone's: otherwise any id
 * would be accepted (another's account claimed) or refused (an oracle of which account ids exist).
 */
function checkLinkedAccount(ctx: WriteContext, values: Record<string, unknown>): Record<string, unknown> {
  const userId = values.user_id;
  if (typeof userId !== 'number' || userId === ctx.viewer.userId || canManageUsers(ctx.viewer)) return values;
  const message = 'a person can be linked to your own account only (user managers link other accounts)';
  throw new ValidationError(`user_id: ${message}`, [{ field: 'user_id', message }]);
}
