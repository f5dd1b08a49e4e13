import type { RecordColumns } from '../db/record-columns.js';

export interface EquipmentTable extends RecordColumns {
  institution_id: number | null;
  manufacturer_id: number | null;
  model: string | null;
  serial_number: string | null;
  /** Parser/format name used when detection is ambiguous for files from this instrument. */
  default_format: string | null;
}

export interface EquipmentTables {
  equipment: EquipmentTable;
}
