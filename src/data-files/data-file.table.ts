import type { ColumnType, Generated } from 'kysely';
import type { RecordColumns } from '../db/record-columns.js';

export type DataFileState = 'queued' | 'parsing' | 'ready' | 'failed';
export type CompanionKind = 'settings' | 'binary' | 'metadata' | 'other';

/** A jsonb column that may be null: objects/arrays in, parsed values out. */
type NullableJson<T = unknown> = ColumnType<T | null, T | string | null | undefined, T | string | null>;

/** One raw file of an experiment (kept forever) and what parsing it produced. */
export interface DataFilesTable extends RecordColumns {
  experiment_id: number;
  equipment_id: number | null;
  original_name: string;
  sha256: string;
  size_bytes: number;
  blob_key: string;
  recorded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  format: string | null;
  parser_version: string | null;
  state: Generated<DataFileState>;
  error: NullableJson;
  columns: NullableJson;
  row_count: number | null;
  metadata: NullableJson;
  series_key: string | null;
  quality_flags: NullableJson;
  timezone: string | null;
  /** The harvester (by name) that uploaded or appends to this file; null for a file added by hand. */
  harvester_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** The data file this one continues (a test resumed into a new file); chains read as one series. */
  continues_id: number | null;
}

export interface DataFileCompanionsTable {
  id: Generated<number>;
  data_file_id: number;
  kind: CompanionKind;
  original_name: string;
  sha256: string;
  size_bytes: number;
  blob_key: string;
  created_at: ColumnType<Date, never, never>;
}

export interface DataFileDevicesTable {
  data_file_id: number;
  device_id: number;
}

export interface DataFileTables {
  data_files: DataFilesTable;
  data_file_companions: DataFileCompanionsTable;
  data_file_devices: DataFileDevicesTable;
}
