import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { computeCompositionPercent } from '../domain/composition.js';
import { ValidationError } from '../domain/errors.js';
import { defineEntity } from '../entities/entity-definition.js';
import { assertAllVisible, parkChildren, recordChildHistory, takeParked } from '../metadata/child-rows.js';
import { readComponentCompounds, readCompositions, replaceComponentCompounds, type CompoundAmount } from './component-compounds.repository.js';

const componentTypes = ['anode', 'cathode', 'electrolyte', 'separator'] as const;

const CompoundAmountSchema = z.object({ compound_id: z.number().int().positive(), relative_amount: z.number().finite().min(0) }).strict();
const CompositionLineSchema = z.object({ compound_id: z.number().int(), relative_amount: z.number(), name: z.string(), formula: z.string(), percent: z.number() });

/** Electrode, electrolyte and separator materials: compounds with relative amounts (percentages computed). */
export const componentEntity = defineEntity({
  table: 'components',
  plural: 'components',
  label: 'Component',
  fields: {
    type: z.enum(componentTypes),
    compounds: z.array(CompoundAmountSchema).max(100).optional().openapi({ description: 'Replaces the composition; relative amounts in any consistent unit' }),
  },
  computedFields: { compounds: z.array(CompositionLineSchema) },
  filters: { type: { enum: componentTypes } },
  search: ['notes'],
  sort: ['type'],
  relations: [
    {
      path: 'compounds',
      target: 'compounds',
      targetIds: (_db, id) => sql`select compound_id from component_compounds where component_id = ${id}`,
      summary: 'Compounds a component is made of',
    },
    {
      path: 'specifications',
      target: 'device_specifications',
      targetIds: (_db, id) => sql`select specification_id from specification_components where component_id = ${id}`,
      summary: 'Specifications using a component',
    },
  ],
  lockedWhenPublic: true,
  prepare: async (ctx, values) => {
    const compounds = parkChildren<CompoundAmount[]>(ctx, values, 'compounds');
    if (compounds) {
      const ids = compounds.map((c) => c.compound_id);
      if (new Set(ids).size !== ids.length) throw new ValidationError('compounds: a compound is listed twice', [{ field: 'compounds', message: 'a compound is listed twice' }]);
      computeCompositionPercent(compounds.map((c) => c.relative_amount));
      await assertAllVisible(ctx.db, ctx.viewer, 'compounds', ids, 'compounds');
    }
    return values;
  },
  afterWrite: async (ctx, row, action) => {
    const compounds = takeParked<CompoundAmount[]>(ctx, 'compounds');
    if (action === 'delete' || compounds === undefined) return;
    const before = ctx.existing ? await readComponentCompounds(ctx.db, row.id) : [];
    await replaceComponentCompounds(ctx.db, row.id, compounds);
    await recordChildHistory(ctx, 'components', row.id, 'compounds', before, compounds);
  },
  present: async (db, viewer, rows) => {
    const compositions = await readCompositions(db, viewer, rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, compounds: compositions.get(r.id) ?? [] }));
  },
});
