import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableJson<T = unknown> = ColumnType<T | null, T | string | null | undefined, T | string | null>;

/** A running `liionsden harvest`, by its name and the user whose token it uses; updated by each heartbeat. */
export interface HarvestersTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  host: string;
  version: string;
  started_at: Timestamp;
  last_seen_at: Timestamp;
  /** Seconds between the heartbeats it promises; not seen for 3 of them: offline. */
  heartbeat_interval_s: number;
  /** Folders (or monitored paths) it watches, and the files it found in them at its last scan. */
  paths_count: number;
  files_count: number;
  last_scan: NullableJson;
  last_error: string | null;
  created_at: ColumnType<Date, never, never>;
}

export type AppendKind = 'upload' | 'append' | 'replace';

/** One send that changed a data file's raw bytes: the channel monitor's history of a growing file. */
export interface DataFileAppendsTable {
  id: Generated<number>;
  data_file_id: number;
  /** The ingest job it queued: its data_file_versions row gives the rows the file then had. */
  job_id: number | null;
  kind: AppendKind;
  /** New bytes in this send, and the raw file's size after it. */
  bytes: number;
  size_bytes: number;
  harvester_name: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface MonitorTables {
  harvesters: HarvestersTable;
  data_file_appends: DataFileAppendsTable;
}
