import type { Generated } from 'kysely';
import type { RecordColumns } from '../db/record-columns.js';

export type ParameterKind = 'device' | 'experiment';
export type ParameterValueType = 'number' | 'text';

export interface ParametersTable extends RecordColumns {
  symbol: Generated<string>;
  unit_id: number | null;
  kind: ParameterKind;
  value_type: Generated<ParameterValueType>;
}

export interface ParameterTables {
  parameters: ParametersTable;
}
