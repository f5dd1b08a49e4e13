import type { Generated } from 'kysely';
import type { RecordColumns } from '../db/record-columns.js';

export interface OrganisationsTable extends RecordColumns {
  website: string | null;
  is_research: Generated<boolean>;
  is_publisher: Generated<boolean>;
  is_cell_manufacturer: Generated<boolean>;
  is_equipment_manufacturer: Generated<boolean>;
}

export interface OrganisationTables {
  organisations: OrganisationsTable;
}
