import type { ColumnType, Generated } from 'kysely';
import type { RecordColumns } from '../db/record-columns.js';
import type { PathRule } from './path-rules.schemas.js';

/** A folder a named harvester watches, and the rules that place its new files. */
export interface MonitoredPathsTable extends RecordColumns {
  harvester_name: string;
  folder: string;
  glob: Generated<string>;
  equipment_id: number | null;
  default_experiment_id: number | null;
  rules: ColumnType<PathRule[], PathRule[] | string | undefined, PathRule[] | string>;
  enabled: Generated<boolean>;
}

/** A file of a monitored path that no rule placed: waits until a person assigns an experiment (and devices). */
export interface UnassignedFilesTable {
  id: Generated<number>;
  monitored_path_id: number;
  /** Path of the file under the monitored folder, `/`-separated. */
  name: string;
  size_bytes: ColumnType<number, number | undefined, number>;
  reason: string;
  first_seen_at: ColumnType<Date, never, never>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  experiment_id: number | null;
  device_ids: ColumnType<number[], number[] | string | undefined, number[] | string>;
  assigned_by: number | null;
  assigned_at: Date | null;
}

export interface MonitoredPathTables {
  monitored_paths: MonitoredPathsTable;
  unassigned_files: UnassignedFilesTable;
}
