import type { ColumnType } from 'kysely';
import type { RecordColumns } from '../db/record-columns.js';
import type { ColumnMapping } from '../parsers/cycler-parser.js';

/** A saved generic-CSV mapping; general when `equipment_id` is null. */
export interface ColumnMappingsTable extends RecordColumns {
  equipment_id: number | null;
  mapping: ColumnType<ColumnMapping, ColumnMapping | string, ColumnMapping | string>;
}

export interface ColumnMappingTables {
  column_mappings: ColumnMappingsTable;
}
