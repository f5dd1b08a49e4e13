import type { ColumnType, Generated } from 'kysely';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

type Json<T = unknown> = ColumnType<T, T | string | undefined, T | string>;
type NullableJson<T = unknown> = ColumnType<T | null, T | string | null | undefined, T | string | null>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A durable unit of work (ingest a data file), claimed with FOR UPDATE SKIP LOCKED under a lease. */
export interface JobsTable {
  id: Generated<number>;
  kind: 'ingest';
  data_file_id: number;
  payload: Json<Record<string, unknown>>;
  state: Generated<JobState>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  /** Attempts that met a blob store outage (not counted in `attempts`; they set their own back-off). */
  outages: Generated<number>;
  run_at: Timestamp;
  locked_by: string | null;
  /** The lease: past this instant another worker may take the job over. */
  locked_until: NullableTimestamp;
  last_error: NullableJson;
  created_at: ColumnType<Date, never, never>;
  finished_at: NullableTimestamp;
}

/** One row per derived cycle of a data file (see domain/cycle-summary.ts for the meaning of each field). */
export interface CycleSummariesTable {
  data_file_id: number;
  cycle: number;
  vendor_cycle: number | null;
  charge_capacity_ah: number;
  discharge_capacity_ah: number;
  charge_energy_wh: number;
  discharge_energy_wh: number;
  coulombic_efficiency: number | null;
  energy_efficiency: number | null;
  min_voltage_v: number | null;
  max_voltage_v: number | null;
  mean_voltage_v: number | null;
  min_temperature_c: number | null;
  max_temperature_c: number | null;
  mean_temperature_c: number | null;
  duration_s: number;
  start_test_time_s: number;
  end_test_time_s: number;
  internal_resistance_ohm: number | null;
  row_count: number;
  quality_flags: Json<unknown[]>;
}

/** One row per step segment (see domain/step-table.ts). */
export interface StepsTable {
  data_file_id: number;
  step_count: number;
  cycle: number;
  step_index: number | null;
  step_type: number;
  start_test_time_s: number;
  end_test_time_s: number;
  duration_s: number;
  charge_capacity_ah: number;
  discharge_capacity_ah: number;
  charge_energy_wh: number;
  discharge_energy_wh: number;
  start_voltage_v: number | null;
  end_voltage_v: number | null;
  mean_current_a: number | null;
  row_count: number;
}

/** Every stored series a data file has had: which parser version produced which Parquet object. */
export interface DataFileVersionsTable {
  id: Generated<number>;
  data_file_id: number;
  job_id: number | null;
  format: string;
  parser_version: string;
  series_key: string;
  row_count: number;
  created_at: ColumnType<Date, never, never>;
}

/** One row per data file: the figures the cycle table compares, each packed as big-endian float8 in cycle order. */
export interface CycleColumnsTable {
  data_file_id: number;
  cycle: Uint8Array;
  charge_capacity_ah: Uint8Array;
  discharge_capacity_ah: Uint8Array;
  charge_energy_wh: Uint8Array;
  discharge_energy_wh: Uint8Array;
  coulombic_efficiency: Uint8Array;
  energy_efficiency: Uint8Array;
}

/** Where the last ingest of a growing text file stopped (src/ingest/append/, ADR 0010). */
export interface SeriesResumePointsTable {
  data_file_id: number;
  raw_sha256: string;
  byte_end: ColumnType<number, number, number>;
  format: string;
  parser_version: string;
  checkpoint_key: string;
  facts: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
}

export interface IngestTables {
  series_resume_points: SeriesResumePointsTable;
  jobs: JobsTable;
  cycle_summaries: CycleSummariesTable;
  cycle_columns: CycleColumnsTable;
  steps: StepsTable;
  data_file_versions: DataFileVersionsTable;
}
