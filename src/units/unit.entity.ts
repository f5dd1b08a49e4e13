import { z } from '@hono/zod-openapi';
import { defineEntity } from '../entities/entity-definition.js';

/** Units with their conversion to the quantity's SI unit: value_si = value × scale_to_si + offset_to_si. */
export const unitEntity = defineEntity({
  table: 'units',
  plural: 'units',
  label: 'Unit',
  fields: {
    symbol: z.string().trim().min(1).max(50),
    quantity_id: z.number().int().positive(),
    is_si: z.boolean().optional(),
    scale_to_si: z.number().finite().refine((v) => v !== 0, 'must not be zero').optional(),
    offset_to_si: z.number().finite().optional(),
  },
  filters: { symbol: 'text', quantity_id: 'id', is_si: 'boolean', scale_to_si: 'number' },
  search: ['symbol'],
  sort: ['symbol', 'quantity_id', 'scale_to_si'],
  references: { quantity_id: 'quantities' },
  relations: [{ path: 'parameters', target: 'parameters', foreignKey: 'unit_id', summary: 'Parameters measured in a unit' }],
  lockedWhenPublic: true,
  conflicts: {
    units_quantity_symbol_live: { field: 'symbol', message: 'This quantity already has a unit with this symbol' },
    units_one_si_per_quantity: { field: 'is_si', message: 'This quantity already has an SI unit' },
  },
});
