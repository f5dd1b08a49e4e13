import type { RecordTable } from '../access/record-table.js';
import { isMaintainer, type Viewer } from '../access/viewer.js';
import { visibleIds } from '../access/visibility.js';
import type { Db } from '../db/database.js';
import type { FieldChanges } from './history.table.js';

/** What a history entry shows instead of a linked record its reader may not see. */
export const HIDDEN = '(hidden)';

/** Field name → the record table whose ids it holds: a record's reference columns, list fields, keys of child-list items. */
export type HistoryLinks = Readonly<Partial<Record<string, RecordTable>>>;

/** Names that mean the same records wherever they are logged: child-list items and lists of ids (see metadata/child-rows.ts). */
export const childListLinks: HistoryLinks = {
  compound_id: 'compounds',
  component_id: 'components',
  component_ids: 'components',
  parameter_id: 'parameters',
  unit_id: 'units',
  reference_id: 'literature_references',
  device_id: 'devices',
  device_ids: 'devices',
  devices: 'devices',
};

type Keep = (table: RecordTable, id: number) => boolean;

/**
 * One logged value of `field` with each linked record `keep` refuses replaced by HIDDEN: the id of a
 * reference column, an id in a list of ids, or a whole child-list item naming one (its value and text
 * go with it, as the detail view leaves the item out).
 */
function rewrite(links: HistoryLinks, field: string, value: unknown, keep: Keep): unknown {
  const table = links[field];
  const id = (v: number) => (table && !keep(table, v) ? HIDDEN : v);
  if (typeof value === 'number') return id(value);
  if (!Array.isArray(value)) return value;
  return value.map((item: unknown) => {
    if (typeof item === 'number') return id(item);
    if (item === null || typeof item !== 'object') return item;
    const named = Object.entries(item).filter(([k, v]) => links[k] && typeof v === 'number');
    return named.map(([k, v]) => keep(links[k]!, v as number)).every(Boolean) ? item : HIDDEN;
  });
}

function rewriteChanges(links: HistoryLinks, changes: FieldChanges, keep: Keep): FieldChanges {
  const out: FieldChanges = {};
  for (const [field, c] of Object.entries(changes)) out[field] = { old: rewrite(links, field, c.old, keep), new: rewrite(links, field, c.new, keep) };
  return out;
}

/**
 * History entries as `viewer` may read them: every linked record outside their visibility scope
 * (private to another user, deleted, under a hidden parent) replaced by HIDDEN. Filtered at read
 * time: the stored history keeps everything, and maintainers, who see every live record and the
 * trash, read it as stored.
 */
export async function hideUnseenLinks<E extends { changes: FieldChanges }>(db: Db, viewer: Viewer, links: HistoryLinks, entries: E[]): Promise<E[]> {
  if (isMaintainer(viewer)) return entries;
  const named = new Map<RecordTable, Set<number>>();
  for (const e of entries) {
    rewriteChanges(links, e.changes, (table, id) => {
      named.set(table, (named.get(table) ?? new Set()).add(id));
      return true;
    });
  }
  const seen = new Map<RecordTable, Set<number>>();
  for (const [table, ids] of named) seen.set(table, await visibleIds(db, viewer, table, [...ids]));
  return entries.map((e) => ({ ...e, changes: rewriteChanges(links, e.changes, (table, id) => seen.get(table)?.has(id) ?? false) }));
}
