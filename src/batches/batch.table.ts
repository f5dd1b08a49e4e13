import type { ColumnType } from 'kysely';
import type { RecordColumns } from '../db/record-columns.js';

/** A calendar date as 'YYYY-MM-DD' both ways (database.ts keeps the drivers from making it a Date). */
export type DateColumn = ColumnType<string | null, string | null | undefined, string | null>;

export interface BatchesTable extends RecordColumns {
  specification_id: number;
  manufacturer_id: number | null;
  manufactured_on: DateColumn;
  size: number | null;
  /** printf-style, e.g. `ABC-%03d`; see domain/serial-template.ts. */
  serial_template: string | null;
  manufacturing_protocol_id: number | null;
}

export interface BatchTables {
  batches: BatchesTable;
}
