import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { defineEntity } from '../entities/entity-definition.js';

const protocolTypes = ['experimental', 'modelling', 'manufacturing'] as const;

/** Methods: an ordered list of PyBaMM-style steps ("Discharge at 1C until 2.5 V"). */
export const protocolEntity = defineEntity({
  table: 'protocols',
  plural: 'protocols',
  label: 'Protocol',
  fields: {
    type: z.enum(protocolTypes),
    steps: z.array(z.string().trim().min(1).max(1000)).max(10_000).optional().openapi({ example: ['Discharge at 1C until 2.5 V', 'Rest for 1 hour'] }),
  },
  filters: { type: { enum: protocolTypes } },
  search: ['steps', 'notes'],
  sort: ['type'],
  relations: [
    { path: 'experiments', target: 'experiments', foreignKey: 'protocol_id', summary: 'Experiments that followed a protocol' },
    { path: 'batches', target: 'batches', foreignKey: 'manufacturing_protocol_id', summary: 'Batches made with a manufacturing protocol' },
  ],
  lockedWhenPublic: true,
  prepare: (_ctx, values) => {
    // text[] column: the framework sends arrays as JSON text (for jsonb), so build the array in SQL.
    if (Array.isArray(values.steps)) values.steps = sql`array(select jsonb_array_elements_text(${JSON.stringify(values.steps)}::jsonb))`;
    return values;
  },
});
