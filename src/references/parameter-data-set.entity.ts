import { z } from '@hono/zod-openapi';
import { defineEntity } from '../entities/entity-definition.js';
import { park, parkChildren, recordChildHistory, takeParked } from '../metadata/child-rows.js';
import { checkDataSetValues, readDataSetValues, replaceDataSetValues, type DataSetValue, type DataSetValueInput } from './parameter-data-set-values.repository.js';

const ValueInput = z
  .object({
    parameter_id: z.number().int().positive(),
    value: z.union([z.number().finite(), z.string().max(2000)]),
    unit_id: z.number().int().positive().nullable().optional(),
    direction: z.enum(['input', 'output']).optional(),
    component_id: z.number().int().positive().nullable().optional(),
    reference_id: z.number().int().positive().nullable().optional(),
  })
  .strict();
const ValueOutput = z.object({
  parameter_id: z.number().int(),
  value: z.union([z.number(), z.string()]),
  unit_id: z.number().int().nullable(),
  direction: z.enum(['input', 'output']),
  component_id: z.number().int().nullable(),
  reference_id: z.number().int().nullable(),
});

/** Parameter values (model inputs and outputs) taken from a reference, per component. */
export const parameterDataSetEntity = defineEntity({
  table: 'parameter_data_sets',
  plural: 'parameter-data-sets',
  label: 'ParameterDataSet',
  fields: {
    reference_id: z.number().int().positive().nullable().optional(),
    values: z.array(ValueInput).max(5000).optional().openapi({ description: 'Replaces the values of the set' }),
  },
  computedFields: { values: z.array(ValueOutput) },
  filters: { reference_id: 'id' },
  search: ['notes'],
  sort: ['reference_id'],
  references: { reference_id: 'literature_references' },
  lockedWhenPublic: true,
  prepare: async (ctx, values) => {
    const raw = parkChildren<DataSetValueInput[]>(ctx, values, 'values');
    if (raw) park(ctx, 'checked_values', await checkDataSetValues(ctx.db, ctx.viewer, raw));
    return values;
  },
  afterWrite: async (ctx, row, action) => {
    takeParked(ctx, 'values');
    const checked = takeParked<DataSetValue[]>(ctx, 'checked_values');
    if (action === 'delete' || !checked) return;
    const before = ctx.existing ? ((await readDataSetValues(ctx.db, null, [row.id])).get(row.id) ?? []) : [];
    await replaceDataSetValues(ctx.db, row.id, checked);
    await recordChildHistory(ctx, 'parameter_data_sets', row.id, 'values', before, checked);
  },
  present: async (db, viewer, rows) => {
    const values = await readDataSetValues(db, viewer, rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, values: values.get(r.id) ?? [] }));
  },
});
