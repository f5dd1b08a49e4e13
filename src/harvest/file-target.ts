/** Where a harvested file goes: its experiment, and what its new data file is linked to. */
export interface FileTarget {
  experimentId: number;
  equipmentId?: number | null;
  deviceIds?: number[];
}
