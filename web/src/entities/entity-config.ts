/**
 * The small per-entity UI configuration: which columns a list shows and how `*_id` fields link to
 * other entities. Everything else (filters, form fields, validation) comes from the API itself.
 */
export interface EntityUiConfig {
  /** URL segment of the API and of the UI: /api/v1/<plural>, /<plural>. */
  plural: string;
  label: string;
  labelPlural: string;
  group: 'Data' | 'Devices' | 'Materials' | 'Lab' | 'Reference';
  /** Columns of the list table, after the name. */
  columns: string[];
  /** Whether people create these through forms (data files arrive by upload instead). */
  creatable?: boolean;
  /** Fields edited by a custom editor instead of a plain control: field name → name in `editors/field-editors.ts`. */
  editors?: Record<string, string>;
  /** The one file a record carries (PUT/GET/DELETE /api/v1/<plural>/{id}/<path>), its name field and what it may be. */
  attachment?: { path: string; nameField: string; label: string; accept: string };
}

export const ENTITIES: EntityUiConfig[] = [
  { plural: 'experiments', label: 'Experiment', labelPlural: 'Experiments', group: 'Data', columns: ['date', 'type', 'temperature_c', 'c_rate', 'status', 'modified_at'], editors: { devices: 'experiment-devices' } },
  { plural: 'data-files', label: 'Data file', labelPlural: 'Data files', group: 'Data', columns: ['experiment_id', 'state', 'format', 'row_count', 'status'], creatable: false },
  { plural: 'specifications', label: 'Device specification', labelPlural: 'Specifications', group: 'Devices', columns: ['device_type_id', 'parent_id', 'status', 'modified_at'], editors: { parameter_values: 'parameter-values' }, attachment: { path: 'spec-sheet', nameField: 'spec_sheet_name', label: 'Spec sheet', accept: 'application/pdf,image/png,image/jpeg' } },
  { plural: 'batches', label: 'Batch', labelPlural: 'Batches', group: 'Devices', columns: ['specification_id', 'manufacturer_id', 'manufactured_on', 'size', 'serial_template', 'status'] },
  { plural: 'devices', label: 'Device', labelPlural: 'Devices', group: 'Devices', columns: ['batch_id', 'sequence', 'serial', 'status'] },
  { plural: 'device-types', label: 'Device type', labelPlural: 'Device types', group: 'Devices', columns: ['status'] },
  { plural: 'equipment', label: 'Equipment', labelPlural: 'Equipment', group: 'Lab', columns: ['institution_id', 'manufacturer_id', 'model', 'serial_number', 'default_format', 'status'] },
  { plural: 'column-mappings', label: 'Column mapping', labelPlural: 'Column mappings', group: 'Lab', columns: ['equipment_id', 'status', 'modified_at'], creatable: false },
  { plural: 'monitored-paths', label: 'Monitored path', labelPlural: 'Monitored paths', group: 'Lab', columns: ['harvester_name', 'folder', 'glob', 'enabled', 'status'] },
  { plural: 'protocols', label: 'Protocol', labelPlural: 'Protocols', group: 'Lab', columns: ['type', 'status', 'modified_at'] },
  { plural: 'compounds', label: 'Compound', labelPlural: 'Compounds', group: 'Materials', columns: ['formula', 'molar_mass', 'status'] },
  { plural: 'components', label: 'Component', labelPlural: 'Components', group: 'Materials', columns: ['type', 'status'], editors: { compounds: 'compound-amounts' } },
  { plural: 'organisations', label: 'Organisation', labelPlural: 'Organisations', group: 'Reference', columns: ['website', 'is_research', 'is_cell_manufacturer', 'status'] },
  { plural: 'people', label: 'Person', labelPlural: 'People', group: 'Reference', columns: ['short_name', 'organisation_id', 'status'] },
  { plural: 'parameters', label: 'Parameter', labelPlural: 'Parameters', group: 'Reference', columns: ['symbol', 'unit_id', 'kind'] },
  { plural: 'quantities', label: 'Quantity', labelPlural: 'Quantities', group: 'Reference', columns: ['symbol'] },
  { plural: 'units', label: 'Unit', labelPlural: 'Units', group: 'Reference', columns: ['symbol', 'quantity_id', 'is_si', 'scale_to_si'] },
  { plural: 'references', label: 'Reference', labelPlural: 'References', group: 'Reference', columns: ['doi', 'title', 'year', 'status'], attachment: { path: 'pdf', nameField: 'pdf_name', label: 'PDF', accept: 'application/pdf' } },
  { plural: 'parameter-data-sets', label: 'Parameter data set', labelPlural: 'Parameter data sets', group: 'Reference', columns: ['reference_id', 'status'] },
];

/** `*_id` fields whose name does not say the target entity. */
const REFERENCE_ALIASES: Record<string, string> = {
  owner_id: 'users',
  institution_id: 'organisations',
  manufacturer_id: 'organisations',
  organisation_id: 'organisations',
  specification_id: 'specifications',
  protocol_id: 'protocols',
  manufacturing_protocol_id: 'protocols',
  experiment_id: 'experiments',
  default_experiment_id: 'experiments',
  data_file_id: 'data-files',
  equipment_id: 'equipment',
  batch_id: 'batches',
  device_id: 'devices',
  unit_id: 'units',
  quantity_id: 'quantities',
  person_id: 'people',
  user_id: 'users',
  compound_id: 'compounds',
  component_id: 'components',
  reference_id: 'references',
  parameter_id: 'parameters',
  device_type_id: 'device-types',
};

export function entityConfig(plural: string): EntityUiConfig | undefined {
  return ENTITIES.find((e) => e.plural === plural);
}

/** The entity a reference field points to, e.g. `batch_id` → `batches`; undefined for plain fields. */
export function referenceTarget(field: string, ownPlural?: string): string | undefined {
  if (field === 'parent_id') return ownPlural;
  if (REFERENCE_ALIASES[field]) return REFERENCE_ALIASES[field];
  if (field === 'compounds') return 'compounds';
  const ids = field.match(/^(.+)_ids?$/);
  if (!ids) return undefined;
  const stem = ids[1].replace(/_/g, '-');
  return ENTITIES.find((e) => e.plural === `${stem}s` || e.plural === `${stem}es` || e.plural === stem)?.plural;
}

/** A column name as a heading: `temperature_c` → "Temperature c", `is_si` → "SI". */
export function humanise(field: string): string {
  const special: Record<string, string> = { is_si: 'SI', doi: 'DOI', c_rate: 'C-rate', temperature_c: 'Temperature (°C)', id: 'ID', url: 'URL' };
  if (special[field]) return special[field];
  const text = field.replace(/_id$/, '').replace(/^is_/, '').replace(/[_-]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
