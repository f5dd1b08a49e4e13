import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { ValidationError } from '../domain/errors.js';
import { defineEntity } from '../entities/entity-definition.js';
import { parsers } from '../parsers/registry.js';

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
    default_format: z.string().trim().max(100).nullable().optional().openapi({ example: 'maccor-txt', description: 'A parser name (as the upload `format` field takes): preferred by detection when that parser recognises the file' }),
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
  prepare: checkDefaultFormat,
});

/** A default format names a parser of the registry (the name `format` takes at upload), or nothing. */
function checkDefaultFormat(_ctx: unknown, values: Record<string, unknown>): Record<string, unknown> {
  const format = values.default_format;
  if (typeof format !== 'string' || format === '' || parsers.some((p) => p.name === format)) return values;
  const names = parsers.map((p) => p.name).sort().join(', ');
  throw new ValidationError(`default_format: no parser is named '${format}'`, [{ field: 'default_format', message: `one of: ${names}` }]);
}
