import { recordParents } from '../access/record-parents.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { listHistory } from '../history/history.repository.js';
import { childListLinks, hideUnseenLinks, type HistoryLinks } from '../history/history-visibility.js';
import type { EntityDefinition } from './entity-definition.js';

/** The record tables an entity's logged fields name: child lists, its parent column, its references. */
export function historyLinks(def: EntityDefinition): HistoryLinks {
  const parent = recordParents[def.table];
  return { ...childListLinks, ...(parent ? { [parent.column]: parent.table } : {}), ...def.references };
}

/** A record's edit history, oldest first, as `viewer` may read it: linked records they cannot see are hidden. */
export async function readRecordHistory(db: Db, viewer: Viewer, def: EntityDefinition, id: number) {
  return hideUnseenLinks(db, viewer, historyLinks(def), await listHistory(db, def.table, id));
}
