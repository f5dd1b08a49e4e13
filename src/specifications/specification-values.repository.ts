import { sql } from 'kysely';
import { visibleTo } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { ValidationError } from '../domain/errors.js';

/** A parameter value as the API takes it: a number or a text, a unit (default: the parameter's), inheritable by children. */
export interface ParameterValueInput {
  parameter_id: number;
  value: number | string;
  unit_id?: number | null;
  inheritable?: boolean;
}

export interface StoredParameterValue {
  parameter_id: number;
  value: number | string;
  unit_id: number | null;
  inheritable: boolean;
}

/**
 * Checks values against their parameters (visible, device kind, number vs text) and units (same
 * quantity as the parameter's unit); returns them completed with the default unit.
 */
export async function checkParameterValues(db: Db, viewer: Viewer, values: readonly ParameterValueInput[], field = 'parameter_values'): Promise<StoredParameterValue[]> {
  const ids = values.map((v) => v.parameter_id);
  if (new Set(ids).size !== ids.length) throw new ValidationError(`${field}: a parameter is listed twice`, [{ field, message: 'a parameter is listed twice' }]);
  if (values.length === 0) return [];
  const params = await db
    .selectFrom('parameters as t')
    .leftJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.id', 't.name', 't.value_type', 't.unit_id', 'u.quantity_id'])
    .where('t.id', 'in', ids)
    .where(visibleTo(viewer, 'parameters as t'))
    .execute();
  const unitIds = values.map((v) => v.unit_id).filter((u): u is number => typeof u === 'number');
  const units = unitIds.length === 0 ? [] : await db.selectFrom('units as t').select(['t.id', 't.quantity_id']).where('t.id', 'in', unitIds).where(visibleTo(viewer, 'units as t')).execute();
  return values.map((v, i) => {
    const fail = (message: string): never => {
      throw new ValidationError(`${field}.${i}: ${message}`, [{ field: `${field}.${i}`, message }]);
    };
    const p = params.find((x) => x.id === v.parameter_id) ?? fail(`no visible parameter with id ${v.parameter_id}`);
    if (p.value_type === 'number' && typeof v.value !== 'number') fail(`${p.name} takes a number`);
    if (p.value_type === 'text' && typeof v.value !== 'string') fail(`${p.name} takes a text`);
    const unitId = v.unit_id === undefined ? p.unit_id : v.unit_id;
    if (unitId !== null) {
      const u = units.find((x) => x.id === unitId) ?? (unitId === p.unit_id ? { quantity_id: p.quantity_id } : fail(`no visible unit with id ${unitId}`));
      if (p.quantity_id !== null && u.quantity_id !== p.quantity_id) fail(`unit ${unitId} does not measure the same quantity as ${p.name}`);
    }
    return { parameter_id: v.parameter_id, value: v.value, unit_id: unitId, inheritable: v.inheritable ?? true };
  });
}

/** Replaces the parameter values of a specification. */
export async function replaceParameterValues(db: Db, specificationId: number, values: readonly StoredParameterValue[]): Promise<void> {
  await db.deleteFrom('specification_parameter_values').where('specification_id', '=', specificationId).execute();
  if (values.length === 0) return;
  await db
    .insertInto('specification_parameter_values')
    .values(
      values.map((v) => ({
        specification_id: specificationId,
        parameter_id: v.parameter_id,
        value_number: typeof v.value === 'number' ? v.value : null,
        value_text: typeof v.value === 'string' ? v.value : null,
        unit_id: v.unit_id,
        inheritable: v.inheritable,
      })),
    )
    .execute();
}

/**
 * Stored values of the given specifications, by specification id, ordered by parameter. With a viewer,
 * values of a parameter or in a unit the viewer cannot see are left out (null: all, for the write path).
 */
export async function readParameterValues(db: Db, viewer: Viewer | null, specificationIds: readonly number[]): Promise<Map<number, StoredParameterValue[]>> {
  const out = new Map<number, StoredParameterValue[]>(specificationIds.map((id) => [id, []]));
  if (specificationIds.length === 0) return out;
  let q = db
    .selectFrom('specification_parameter_values as v')
    .innerJoin('parameters as p', 'p.id', 'v.parameter_id')
    .leftJoin('units as u', 'u.id', 'v.unit_id')
    .select(['v.specification_id', 'v.parameter_id', 'v.value_number', 'v.value_text', 'v.unit_id', 'v.inheritable'])
    .where('v.specification_id', 'in', specificationIds)
    .orderBy('v.specification_id')
    .orderBy('v.parameter_id');
  if (viewer) q = q.where((eb) => eb.and([visibleTo(viewer, 'parameters as p'), eb.or([eb('v.unit_id', 'is', null), visibleTo(viewer, 'units as u')])]));
  const rows = await q.execute();
  for (const r of rows) {
    out.get(r.specification_id)!.push({ parameter_id: r.parameter_id, value: r.value_number ?? r.value_text ?? '', unit_id: r.unit_id, inheritable: r.inheritable });
  }
  return out;
}

/** The ancestors of a specification that `viewer` may see, nearest first (stops at a cycle). */
export async function visibleAncestorIds(db: Db, viewer: Viewer, specificationId: number): Promise<number[]> {
  const rows = await sql<{ id: number; depth: number }>`
    with recursive up(id, parent_id, depth, path) as (
      select s.id, s.parent_id, 0, array[s.id] from device_specifications s where s.id = ${specificationId}
      union all
      select p.id, p.parent_id, up.depth + 1, up.path || p.id from device_specifications p join up on p.id = up.parent_id
      where not p.id = any(up.path)
    )
    select up.id, up.depth from up join device_specifications t on t.id = up.id
    where up.depth > 0 and ${visibleTo(viewer, 'device_specifications as t')} order by up.depth`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** True when `candidateParentId` is `specificationId` itself or one of its descendants (the tree would loop). */
export async function wouldCreateCycle(db: Db, specificationId: number, candidateParentId: number): Promise<boolean> {
  const rows = await sql<{ id: number }>`
    with recursive down(id) as (
      select ${specificationId}::integer
      union
      select c.id from device_specifications c join down on c.parent_id = down.id
    )
    select id from down where id = ${candidateParentId}`.execute(db);
  return rows.rows.length > 0;
}
