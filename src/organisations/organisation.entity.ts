import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { defineEntity } from '../entities/entity-definition.js';

/** Organisations: institutions, publishers, cell and equipment makers. Shared reference data. */
export const organisationEntity = defineEntity({
  table: 'organisations',
  plural: 'organisations',
  label: 'Organisation',
  fields: {
    website: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional(),
    is_research: z.boolean().optional(),
    is_publisher: z.boolean().optional(),
    is_cell_manufacturer: z.boolean().optional(),
    is_equipment_manufacturer: z.boolean().optional(),
  },
  filters: { website: 'text', is_research: 'boolean', is_publisher: 'boolean', is_cell_manufacturer: 'boolean', is_equipment_manufacturer: 'boolean' },
  search: ['website', 'notes'],
  sort: ['website'],
  relations: [
    { path: 'people', target: 'people', foreignKey: 'organisation_id', summary: 'People of an organisation' },
    // Through targetIds: institution_id is set from the creator's account, not writable through the API.
    { path: 'experiments', target: 'experiments', targetIds: (_db, id) => sql`select id from experiments where institution_id = ${id}`, summary: 'Experiments of an institution' },
    { path: 'equipment', target: 'equipment', foreignKey: 'institution_id', summary: 'Equipment of an institution' },
    { path: 'batches', target: 'batches', foreignKey: 'manufacturer_id', summary: 'Batches made by a manufacturer' },
  ],
  lockedWhenPublic: true,
  conflicts: { organisations_name_live: { field: 'name', message: 'An organisation with this name already exists' } },
});
