import type { ColumnType, Generated } from 'kysely';
import type { RecordColumns } from '../db/record-columns.js';

type Json = ColumnType<Record<string, unknown>, Record<string, unknown> | string | undefined, Record<string, unknown> | string>;

export type DeviceTypesTable = RecordColumns;

export interface DeviceSpecificationsTable extends RecordColumns {
  parent_id: number | null;
  device_type_id: number;
  spec_sheet_blob_key: string | null;
  spec_sheet_sha256: string | null;
  spec_sheet_name: string | null;
  /** This node's own metadata; children inherit it (domain/specification-inheritance.ts). */
  metadata: Json;
}

export interface SpecificationParameterValuesTable {
  id: Generated<number>;
  specification_id: number;
  parameter_id: number;
  value_number: number | null;
  value_text: string | null;
  unit_id: number | null;
  inheritable: Generated<boolean>;
}

export interface SpecificationComponentsTable {
  specification_id: number;
  component_id: number;
}

export interface SpecificationTables {
  device_types: DeviceTypesTable;
  device_specifications: DeviceSpecificationsTable;
  specification_parameter_values: SpecificationParameterValuesTable;
  specification_components: SpecificationComponentsTable;
}
