import type { Generated } from 'kysely';
import type { RecordColumns } from '../db/record-columns.js';

export interface QuantitiesTable extends RecordColumns {
  symbol: Generated<string>;
}

/** value_si = value * scale_to_si + offset_to_si (offset only for °C → K). */
export interface UnitsTable extends RecordColumns {
  symbol: string;
  quantity_id: number;
  is_si: Generated<boolean>;
  scale_to_si: Generated<number>;
  offset_to_si: Generated<number>;
}

export interface UnitTables {
  quantities: QuantitiesTable;
  units: UnitsTable;
}
