import { visibleTo } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { resolveEffectiveValues, resolveInheritedMetadata, type SpecificationNode } from '../domain/specification-inheritance.js';
import type { EntityRow } from '../entities/entity-definition.js';
import { readParameterValues, visibleAncestorIds, type StoredParameterValue } from './specification-values.repository.js';

type Node = SpecificationNode<StoredParameterValue['value']> & { unitOf: Map<number, number | null> };

/** Adds own and effective (inherited) parameter values, inherited metadata and visible component ids. */
export async function presentSpecifications(db: Db, viewer: Viewer, rows: EntityRow[]): Promise<Record<string, unknown>[]> {
  const ancestors = new Map<number, number[]>();
  for (const r of rows) ancestors.set(r.id, r.parent_id === null ? [] : await visibleAncestorIds(db, viewer, r.id));
  const allIds = [...new Set([...rows.map((r) => r.id), ...[...ancestors.values()].flat()])];
  const values = await readParameterValues(db, viewer, allIds);
  const metadataRows = await db.selectFrom('device_specifications').select(['id', 'metadata']).where('id', 'in', allIds).execute();
  const metadataOf = new Map(metadataRows.map((m) => [m.id, m.metadata]));
  const node = (id: number): Node => {
    const own = values.get(id) ?? [];
    return {
      id,
      values: own.map((v) => ({ parameterId: v.parameter_id, value: v.value, inheritable: v.inheritable })),
      metadata: metadataOf.get(id) ?? {},
      unitOf: new Map(own.map((v) => [v.parameter_id, v.unit_id])),
    };
  };
  const components = rows.length === 0 ? [] : await db
    .selectFrom('specification_components as sc')
    .innerJoin('components as t', 't.id', 'sc.component_id')
    .select(['sc.specification_id', 'sc.component_id'])
    .where('sc.specification_id', 'in', rows.map((r) => r.id))
    .where(visibleTo(viewer, 'components as t'))
    .orderBy('sc.component_id')
    .execute();
  return rows.map((r) => {
    const chain = [...(ancestors.get(r.id) ?? [])].reverse().map(node);
    chain.push(node(r.id));
    const unitOf = (specId: number, parameterId: number) => chain.find((n) => n.id === specId)?.unitOf.get(parameterId) ?? null;
    return {
      ...r,
      parameter_values: values.get(r.id) ?? [],
      effective_parameter_values: resolveEffectiveValues(chain).map((v) => ({
        parameter_id: v.parameterId,
        value: v.value,
        unit_id: unitOf(v.sourceSpecificationId, v.parameterId),
        inheritable: v.inheritable,
        source_specification_id: v.sourceSpecificationId,
        inherited: v.inherited,
      })),
      inherited_metadata: resolveInheritedMetadata(chain),
      component_ids: components.filter((c) => c.specification_id === r.id).map((c) => c.component_id),
    };
  });
}
