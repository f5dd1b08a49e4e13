import { z } from '@hono/zod-openapi';
import { defineEntity } from '../entities/entity-definition.js';
import { ColumnMappingSchema } from './column-mapping.schemas.js';

/** Saved generic-CSV column mappings; ingest and preview try those of the file's equipment first, then general ones. */
export const columnMappingEntity = defineEntity({
  table: 'column_mappings',
  plural: 'column-mappings',
  label: 'ColumnMapping',
  fields: {
    equipment_id: z.number().int().positive().nullable().optional().openapi({ description: 'The equipment whose files use this mapping; null = general' }),
    mapping: ColumnMappingSchema,
  },
  filters: { equipment_id: 'id' },
  search: ['notes'],
  sort: ['equipment_id'],
  references: { equipment_id: 'equipment' },
  lockedWhenPublic: false,
});
