import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { defineEntity } from '../entities/entity-definition.js';

/** Cyclers and other instruments; the default format helps detection for files from this instrument. */
export const equipmentEntity = defineEntity({
  table: 'equipment',
  plural: 'equipment',
  label: 'Equipment',
  fields: {
    institution_id: z.number().int().positive().nullable().optional(),
    manufacturer_id: z.number().int().positive().nullable().optional(),
    model: z.string().trim().max(200).nullable().optional(),
    serial_number: z.string().trim().max(200).nullable().optional(),
    default_format: z.string().trim().max(100).nullable().optional().openapi({ example: 'maccor-text' }),
  },
  filters: { institution_id: 'id', manufacturer_id: 'id', model: 'text', serial_number: 'text', default_format: 'text' },
  search: ['model', 'serial_number', 'default_format', 'notes'],
  sort: ['model', 'serial_number', 'institution_id'],
  references: { institution_id: 'organisations', manufacturer_id: 'organisations' },
  relations: [
    {
      path: 'experiments',
      target: 'experiments',
      targetIds: (_db, id) => sql`select experiment_id from data_files where equipment_id = ${id} and status <> 'deleted'`,
      summary: 'Experiments with data files recorded on this equipment',
    },
    { path: 'data-files', target: 'data_files', foreignKey: 'equipment_id', summary: 'Data files recorded on this equipment' },
    { path: 'column-mappings', target: 'column_mappings', foreignKey: 'equipment_id', summary: "Saved generic-CSV column mappings for this equipment's files" },
  ],
  lockedWhenPublic: true,
});
