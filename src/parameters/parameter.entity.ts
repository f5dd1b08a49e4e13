import { z } from '@hono/zod-openapi';
import { defineEntity } from '../entities/entity-definition.js';

/** Parameters a specification or an experiment is described by (nominal capacity, temperature...). */
export const parameterEntity = defineEntity({
  table: 'parameters',
  plural: 'parameters',
  label: 'Parameter',
  fields: {
    symbol: z.string().trim().max(50).optional(),
    unit_id: z.number().int().positive().nullable().optional(),
    kind: z.enum(['device', 'experiment']),
    value_type: z.enum(['number', 'text']).optional(),
  },
  filters: { symbol: 'text', unit_id: 'id', kind: { enum: ['device', 'experiment'] }, value_type: { enum: ['number', 'text'] } },
  search: ['symbol', 'notes'],
  sort: ['symbol', 'kind'],
  references: { unit_id: 'units' },
  lockedWhenPublic: true,
  conflicts: { parameters_kind_name_live: { field: 'name', message: 'A parameter of this kind with this name already exists' } },
});
