import type { ColumnType } from 'kysely';
import type { RecordColumns } from '../db/record-columns.js';

export type ProtocolType = 'experimental' | 'modelling' | 'manufacturing';

export interface ProtocolsTable extends RecordColumns {
  type: ProtocolType;
  /** Ordered PyBaMM-style steps, e.g. "Discharge at 1C until 2.5 V". */
  steps: ColumnType<string[], string[] | undefined, string[]>;
}

export interface ProtocolTables {
  protocols: ProtocolsTable;
}
