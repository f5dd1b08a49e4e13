import { z } from '@hono/zod-openapi';
import { defineEntity } from '../entities/entity-definition.js';

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
});
