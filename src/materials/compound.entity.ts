import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { parseChemicalFormula } from '../domain/chemical-formula.js';
import { defineEntity } from '../entities/entity-definition.js';

/** Chemical compounds; the formula is validated and the molar mass computed from it on every write. */
export const compoundEntity = defineEntity({
  table: 'compounds',
  plural: 'compounds',
  label: 'Compound',
  fields: {
    formula: z.string().trim().min(1).max(200).openapi({ example: 'LiNi0.8Mn0.1Co0.1O2' }),
  },
  computedFields: { molar_mass_g_per_mol: z.number().openapi({ description: 'Computed from the formula' }) },
  filters: { formula: 'text', molar_mass_g_per_mol: 'number' },
  search: ['formula', 'notes'],
  sort: ['formula', 'molar_mass_g_per_mol'],
  relations: [
    {
      path: 'components',
      target: 'components',
      targetIds: (_db, id) => sql`select component_id from component_compounds where compound_id = ${id}`,
      summary: 'Components made with a compound',
    },
  ],
  lockedWhenPublic: true,
  prepare: (_ctx, values) => {
    if (typeof values.formula === 'string') {
      values.molar_mass_g_per_mol = parseChemicalFormula(values.formula).molarMassGPerMol;
    }
    return values;
  },
});
