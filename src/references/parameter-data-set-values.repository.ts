import { visibleTo } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { assertAllVisible } from '../metadata/child-rows.js';
import { checkParameterValues } from '../specifications/specification-values.repository.js';

export interface DataSetValueInput {
  parameter_id: number;
  value: number | string;
  unit_id?: number | null;
  direction?: 'input' | 'output';
  component_id?: number | null;
  reference_id?: number | null;
}

export interface DataSetValue {
  parameter_id: number;
  value: number | string;
  unit_id: number | null;
  direction: 'input' | 'output';
  component_id: number | null;
  reference_id: number | null;
}

/** Validates values (parameters, units, components, references visible to the writer) and completes them. */
export async function checkDataSetValues(db: Db, viewer: Viewer, values: readonly DataSetValueInput[]): Promise<DataSetValue[]> {
  // The same parameter may appear per component or direction, so check each value on its own.
  const checked: { unit_id: number | null }[] = [];
  for (const [i, v] of values.entries()) checked.push((await checkParameterValues(db, viewer, [v], `values.${i}`))[0]);
  await assertAllVisible(db, viewer, 'components', values.flatMap((v) => (v.component_id ? [v.component_id] : [])), 'values.component_id');
  await assertAllVisible(db, viewer, 'literature_references', values.flatMap((v) => (v.reference_id ? [v.reference_id] : [])), 'values.reference_id');
  return values.map((v, i) => ({
    parameter_id: v.parameter_id,
    value: v.value,
    unit_id: checked[i].unit_id,
    direction: v.direction ?? 'input',
    component_id: v.component_id ?? null,
    reference_id: v.reference_id ?? null,
  }));
}

export async function replaceDataSetValues(db: Db, dataSetId: number, values: readonly DataSetValue[]): Promise<void> {
  await db.deleteFrom('parameter_data_set_values').where('data_set_id', '=', dataSetId).execute();
  if (values.length === 0) return;
  await db
    .insertInto('parameter_data_set_values')
    .values(values.map(({ value, ...v }) => ({ ...v, data_set_id: dataSetId, value_number: typeof value === 'number' ? value : null, value_text: typeof value === 'string' ? value : null })))
    .execute();
}

/** Values of each data set, in insertion order; values naming a parameter, unit, component or reference the viewer cannot see are left out. */
export async function readDataSetValues(db: Db, viewer: Viewer | null, dataSetIds: readonly number[]): Promise<Map<number, DataSetValue[]>> {
  const out = new Map<number, DataSetValue[]>(dataSetIds.map((id) => [id, []]));
  if (dataSetIds.length === 0) return out;
  let q = db
    .selectFrom('parameter_data_set_values as v')
    .leftJoin('components as c', 'c.id', 'v.component_id')
    .leftJoin('literature_references as r', 'r.id', 'v.reference_id')
    .innerJoin('parameters as p', 'p.id', 'v.parameter_id')
    .leftJoin('units as u', 'u.id', 'v.unit_id')
    .select(['v.data_set_id', 'v.parameter_id', 'v.value_number', 'v.value_text', 'v.unit_id', 'v.direction', 'v.component_id', 'v.reference_id'])
    .where('v.data_set_id', 'in', dataSetIds)
    .orderBy('v.id');
  if (viewer) {
    q = q.where((eb) =>
      eb.and([
        visibleTo(viewer, 'parameters as p'),
        eb.or([eb('v.unit_id', 'is', null), visibleTo(viewer, 'units as u')]),
        eb.or([eb('v.component_id', 'is', null), visibleTo(viewer, 'components as c')]),
        eb.or([eb('v.reference_id', 'is', null), visibleTo(viewer, 'literature_references as r')]),
      ]),
    );
  }
  for (const r of await q.execute()) {
    out.get(r.data_set_id)!.push({
      parameter_id: r.parameter_id,
      value: r.value_number ?? r.value_text ?? '',
      unit_id: r.unit_id,
      direction: r.direction,
      component_id: r.component_id,
      reference_id: r.reference_id,
    });
  }
  return out;
}
