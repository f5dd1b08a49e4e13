import type { RecordColumns } from '../db/record-columns.js';

/** One physical cell (or module) of a batch; `name` mirrors `serial`. */
export interface DevicesTable extends RecordColumns {
  batch_id: number;
  sequence: number;
  serial: string;
}

export interface DeviceTables {
  devices: DevicesTable;
}
