import type { Generated } from 'kysely';
import type { RecordColumns } from '../db/record-columns.js';

export interface CompoundsTable extends RecordColumns {
  formula: string;
  /** Computed from `formula` on every write (domain/chemical-formula.ts). */
  molar_mass_g_per_mol: number;
}

export type ComponentType = 'anode' | 'cathode' | 'electrolyte' | 'separator';

export interface ComponentsTable extends RecordColumns {
  type: ComponentType;
}

export interface ComponentCompoundsTable {
  component_id: number;
  compound_id: number;
  /** Any consistent unit (mass ratio, fraction); percentages are computed from the sum. */
  relative_amount: number;
  position: Generated<number>;
}

export interface MaterialTables {
  compounds: CompoundsTable;
  components: ComponentsTable;
  component_compounds: ComponentCompoundsTable;
}
