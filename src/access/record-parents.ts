import type { RecordTable } from './record-table.js';

/** A record's parent: the row it belongs to, named by a non-null foreign key. */
export interface RecordParent {
  column: string;
  table: RecordTable;
}

/**
 * Records whose meaning depends on a parent record: each is visible only while its parent is
 * (a deleted or private experiment takes its data files with it; a batch its devices). The
 * visibility scope applies the parent's scope in the same condition, so every read that uses it
 * (lists, detail, raw file, series, exports, compare, history, writes) follows.
 */
export const recordParents: Partial<Record<RecordTable, RecordParent>> = {
  data_files: { column: 'experiment_id', table: 'experiments' },
  devices: { column: 'batch_id', table: 'batches' },
};

/** The tables whose records depend on `table` (for the delete dialog: what goes with it). */
export function dependentTables(table: RecordTable): { table: RecordTable; column: string }[] {
  return Object.entries(recordParents)
    .filter(([, parent]) => parent.table === table)
    .map(([child, parent]) => ({ table: child as RecordTable, column: parent.column }));
}
