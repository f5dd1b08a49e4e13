import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { ValidationError } from '../domain/errors.js';
import { defineEntity } from '../entities/entity-definition.js';
import { assertAllVisible, park, parkChildren, recordChildHistory, takeParked } from '../metadata/child-rows.js';
import { presentSpecifications } from './specification.present.js';
import { checkParameterValues, readParameterValues, replaceParameterValues, wouldCreateCycle, type ParameterValueInput } from './specification-values.repository.js';

const ValueInput = z
  .object({
    parameter_id: z.number().int().positive(),
    value: z.union([z.number().finite(), z.string().max(2000)]),
    unit_id: z.number().int().positive().nullable().optional(),
    inheritable: z.boolean().optional().openapi({ description: 'Children inherit the value unless they set their own (default true)' }),
  })
  .strict();
const ValueOutput = z.object({ parameter_id: z.number().int(), value: z.union([z.number(), z.string()]), unit_id: z.number().int().nullable(), inheritable: z.boolean() });
const EffectiveValue = ValueOutput.extend({ source_specification_id: z.number().int(), inherited: z.boolean() });

/** Device specifications: a tree (cell → module → pack) with parameter values and components inherited down it. */
export const specificationEntity = defineEntity({
  table: 'device_specifications',
  plural: 'specifications',
  label: 'DeviceSpecification',
  fields: {
    parent_id: z.number().int().positive().nullable().optional(),
    device_type_id: z.number().int().positive(),
    metadata: z.record(z.string(), z.unknown()).optional().openapi({ description: 'This node’s own metadata; children inherit it' }),
    parameter_values: z.array(ValueInput).max(500).optional().openapi({ description: 'Replaces this node’s own parameter values' }),
    component_ids: z.array(z.number().int().positive()).max(100).optional(),
  },
  computedFields: {
    spec_sheet_blob_key: z.string().nullable().openapi({ description: 'Set by PUT /specifications/{id}/spec-sheet' }),
    spec_sheet_sha256: z.string().nullable(),
    spec_sheet_name: z.string().nullable(),
    parameter_values: z.array(ValueOutput),
    effective_parameter_values: z.array(EffectiveValue).openapi({ description: 'Own values plus inheritable values of visible ancestors' }),
    inherited_metadata: z.record(z.string(), z.unknown()),
    component_ids: z.array(z.number().int()),
  },
  filters: { parent_id: 'id', device_type_id: 'id', spec_sheet_name: 'text' },
  search: ['notes', 'spec_sheet_name'],
  sort: ['device_type_id', 'parent_id'],
  references: { parent_id: 'device_specifications', device_type_id: 'device_types' },
  relations: [
    { path: 'children', target: 'device_specifications', foreignKey: 'parent_id', summary: 'Child specifications (cells of a module...)' },
    { path: 'batches', target: 'batches', foreignKey: 'specification_id', summary: 'Batches built to a specification' },
    {
      path: 'components',
      target: 'components',
      targetIds: (_db, id) => sql`select component_id from specification_components where specification_id = ${id}`,
      summary: 'Components of a specification',
    },
  ],
  lockedWhenPublic: true,
  prepare: async (ctx, values) => {
    const parentId = values.parent_id;
    if (typeof parentId === 'number' && ctx.existing && (await wouldCreateCycle(ctx.db, ctx.existing.id, parentId))) {
      throw new ValidationError('parent_id: a specification cannot sit inside itself or its own descendants', [{ field: 'parent_id', message: 'would make the tree loop' }]);
    }
    const rawValues = parkChildren<ParameterValueInput[]>(ctx, values, 'parameter_values');
    if (rawValues) park(ctx, 'checked_values', await checkParameterValues(ctx.db, ctx.viewer, rawValues));
    const componentIds = parkChildren<number[]>(ctx, values, 'component_ids');
    if (componentIds) await assertAllVisible(ctx.db, ctx.viewer, 'components', componentIds, 'component_ids');
    return values;
  },
  afterWrite: async (ctx, row, action) => {
    takeParked(ctx, 'parameter_values');
    const checked = takeParked<Awaited<ReturnType<typeof checkParameterValues>>>(ctx, 'checked_values');
    const componentIds = takeParked<number[]>(ctx, 'component_ids');
    if (action === 'delete') return;
    if (checked) {
      const before = ctx.existing ? ((await readParameterValues(ctx.db, null, [row.id])).get(row.id) ?? []) : [];
      await replaceParameterValues(ctx.db, row.id, checked);
      await recordChildHistory(ctx, 'device_specifications', row.id, 'parameter_values', before, checked);
    }
    if (componentIds) {
      const before = (await ctx.db.selectFrom('specification_components').select('component_id').where('specification_id', '=', row.id).orderBy('component_id').execute()).map((r) => r.component_id);
      const after = [...new Set(componentIds)].sort((a, b) => a - b);
      await ctx.db.deleteFrom('specification_components').where('specification_id', '=', row.id).execute();
      if (after.length > 0) await ctx.db.insertInto('specification_components').values(after.map((component_id) => ({ specification_id: row.id, component_id }))).execute();
      await recordChildHistory(ctx, 'device_specifications', row.id, 'component_ids', before, after);
    }
  },
  present: presentSpecifications,
});
