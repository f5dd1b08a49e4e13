/** The record table an id field of a response names (in a detail view or a history entry). */
const scalarFields: Record<string, string> = {
  device_id: 'devices',
  compound_id: 'compounds',
  component_id: 'components',
  parameter_id: 'parameters',
  unit_id: 'units',
  reference_id: 'literature_references',
};
const listFields: Record<string, string> = { device_ids: 'devices', devices: 'devices', component_ids: 'components' };

/**
 * Every linked record id anywhere in a JSON body, by table: `*_id` fields, lists of ids, and the
 * `{old, new}` of history changes (which keep the field's meaning).
 */
export function linkedIds(body: unknown): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const add = (table: string, id: number) => out.set(table, (out.get(table) ?? new Set()).add(id));
  const walk = (value: unknown, key: string | null): void => {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (typeof item === 'number' && key !== null && listFields[key]) add(listFields[key], item);
        else walk(item, key);
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const field = k === 'old' || k === 'new' ? key : k;
        if (typeof v === 'number' && field !== null && scalarFields[field]) add(scalarFields[field], v);
        walk(v, field);
      }
    }
  };
  walk(body, null);
  return out;
}

/** The ids of `hidden` (by table) that appear in `body`, as "table id" strings (empty when none leaks). */
export function leakedIds(body: unknown, hidden: Record<string, readonly number[]>): string[] {
  const found = linkedIds(body);
  return Object.entries(hidden).flatMap(([table, ids]) => ids.filter((id) => found.get(table)?.has(id)).map((id) => `${table} ${id}`));
}
