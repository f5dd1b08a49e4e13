import type { Generated } from 'kysely';
import type { RecordColumns } from '../db/record-columns.js';

export interface LiteratureReferencesTable extends RecordColumns {
  /** Normalised (domain/doi.ts): `10.xxxx/...` without a resolver prefix. */
  doi: string | null;
  title: Generated<string>;
  url: string | null;
  journal: string | null;
  year: number | null;
  pdf_blob_key: string | null;
  pdf_sha256: string | null;
  pdf_name: string | null;
}

export interface ParameterDataSetsTable extends RecordColumns {
  reference_id: number | null;
}

export interface ParameterDataSetValuesTable {
  id: Generated<number>;
  data_set_id: number;
  parameter_id: number;
  value_number: number | null;
  value_text: string | null;
  unit_id: number | null;
  direction: Generated<'input' | 'output'>;
  component_id: number | null;
  reference_id: number | null;
}

export interface ReferenceTables {
  literature_references: LiteratureReferencesTable;
  parameter_data_sets: ParameterDataSetsTable;
  parameter_data_set_values: ParameterDataSetValuesTable;
}
