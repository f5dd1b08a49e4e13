import { sql } from 'kysely';
import { visibleTo } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { computeCompositionPercent } from '../domain/composition.js';

export interface CompoundAmount {
  compound_id: number;
  relative_amount: number;
}

/** Replaces a component's compounds (order kept as given). */
export async function replaceComponentCompounds(db: Db, componentId: number, compounds: readonly CompoundAmount[]): Promise<void> {
  await db.deleteFrom('component_compounds').where('component_id', '=', componentId).execute();
  if (compounds.length === 0) return;
  await db
    .insertInto('component_compounds')
    .values(compounds.map((c, position) => ({ component_id: componentId, compound_id: c.compound_id, relative_amount: c.relative_amount, position })))
    .execute();
}

/** The stored compound amounts of a component, in order. */
export async function readComponentCompounds(db: Db, componentId: number): Promise<CompoundAmount[]> {
  return db
    .selectFrom('component_compounds')
    .select(['compound_id', 'relative_amount'])
    .where('component_id', '=', componentId)
    .orderBy('position')
    .execute();
}

export interface CompositionLine extends CompoundAmount {
  name: string;
  formula: string;
  percent: number;
}

/**
 * Each component's composition with percentages. Percentages are computed over all compounds, but
 * only compounds the viewer may see are listed (a hidden compound's name never leaves the database).
 */
export async function readCompositions(db: Db, viewer: Viewer, componentIds: readonly number[]): Promise<Map<number, CompositionLine[]>> {
  const out = new Map<number, CompositionLine[]>(componentIds.map((id) => [id, []]));
  if (componentIds.length === 0) return out;
  const rows = await db
    .selectFrom('component_compounds as cc')
    .leftJoin('compounds as t', (j) => j.onRef('t.id', '=', 'cc.compound_id').on(visibleTo(viewer, 'compounds as t')))
    .select(['cc.component_id', 'cc.compound_id', 'cc.relative_amount', 't.name', 't.formula', sql<boolean>`t.id is not null`.as('visible')])
    .where('cc.component_id', 'in', componentIds)
    .orderBy('cc.component_id')
    .orderBy('cc.position')
    .execute();
  for (const id of componentIds) {
    const lines = rows.filter((r) => r.component_id === id);
    const percents = computeCompositionPercent(lines.map((r) => r.relative_amount));
    lines.forEach((r, i) => {
      if (r.visible) out.get(id)!.push({ compound_id: r.compound_id, relative_amount: r.relative_amount, name: r.name!, formula: r.formula!, percent: percents[i] });
    });
  }
  return out;
}
