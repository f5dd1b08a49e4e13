import { z } from '@hono/zod-openapi';
import { defineEntity } from '../entities/entity-definition.js';

/** Physical quantities (current, charge, energy...); seeded, public shared reference data. */
export const quantityEntity = defineEntity({
  table: 'quantities',
  plural: 'quantities',
  label: 'Quantity',
  fields: { symbol: z.string().trim().max(50).optional() },
  filters: { symbol: 'text' },
  search: ['symbol'],
  sort: ['symbol'],
  relations: [{ path: 'units', target: 'units', foreignKey: 'quantity_id', summary: 'Units of a quantity' }],
  lockedWhenPublic: true,
  conflicts: { quantities_name_live: { field: 'name', message: 'A quantity with this name already exists' } },
});
