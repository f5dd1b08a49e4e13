import type { Generated } from 'kysely';
import type { DateColumn } from '../batches/batch.table.js';
import type { RecordColumns } from '../db/record-columns.js';

export const experimentTypes = ['constant_current', 'gitt', 'hppc', 'drive_cycle', 'other'] as const;
export const thermalManagements = ['none', 'chamber', 'base', 'surface', 'tab', 'other'] as const;
export const deviceConfigurations = ['single', 'series', 'parallel', 'series_parallel', 'other'] as const;

export interface ExperimentsTable extends RecordColumns {
  /** Names are unique within an institution (the owner's when created). */
  institution_id: number | null;
  date: DateColumn;
  device_configuration: (typeof deviceConfigurations)[number] | null;
  temperature_c: number | null;
  c_rate: number | null;
  type: Generated<(typeof experimentTypes)[number]>;
  thermal_management: Generated<(typeof thermalManagements)[number]>;
  external_link: string | null;
  summary: Generated<string>;
  protocol_id: number | null;
}

export interface ExperimentDevicesTable {
  experiment_id: number;
  device_id: number;
  /** Channel or slot label, e.g. "A3". */
  position: string | null;
}

export interface ExperimentTables {
  experiments: ExperimentsTable;
  experiment_devices: ExperimentDevicesTable;
}
