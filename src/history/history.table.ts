import type { ColumnType, Generated } from 'kysely';

export type HistoryAction = 'create' | 'update' | 'delete';

/** Per changed field: the value before and after (null for a field that did not exist yet). */
export type FieldChanges = Record<string, { old: unknown; new: unknown }>;

export interface RecordHistoryTable {
  id: Generated<number>;
  table_name: string;
  record_id: number;
  user_id: number | null;
  action: HistoryAction;
  changes: ColumnType<FieldChanges, string, never>;
  at: ColumnType<Date, never, never>;
}

export interface HistoryTables {
  record_history: RecordHistoryTable;
}
