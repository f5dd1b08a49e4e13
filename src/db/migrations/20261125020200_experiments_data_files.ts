import { sql, type Kysely } from 'kysely';
import { addRecordColumns } from '../record-columns.js';

// Experiments, their devices and data files; literature references and parameter data sets.
export async function up(db: Kysely<unknown>): Promise<void> {
  await addRecordColumns(db.schema.createTable('experiments'))
    .addColumn('institution_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('date', 'date')
    .addColumn('device_configuration', 'text', (c) => c.check(sql`device_configuration in ('single', 'series', 'parallel', 'series_parallel', 'other')`))
    .addColumn('temperature_c', 'double precision')
    .addColumn('c_rate', 'double precision')
    .addColumn('type', 'text', (c) => c.notNull().defaultTo('other').check(sql`type in ('constant_current', 'gitt', 'hppc', 'drive_cycle', 'other')`))
    .addColumn('thermal_management', 'text', (c) => c.notNull().defaultTo('none').check(sql`thermal_management in ('none', 'chamber', 'base', 'surface', 'tab', 'other')`))
    .addColumn('external_link', 'text')
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('protocol_id', 'integer', (c) => c.references('protocols.id'))
    .execute();
  // Experiments without an institution share one namespace (coalesce to 0) rather than escaping the rule.
  await sql`create unique index experiments_institution_name_live on experiments (coalesce(institution_id, 0), lower(name)) where status <> 'deleted'`.execute(db);
  await db.schema.createIndex('experiments_protocol').on('experiments').column('protocol_id').execute();
  await db.schema.createIndex('experiments_date').on('experiments').column('date').execute();

  await db.schema
    .createTable('experiment_devices')
    .addColumn('experiment_id', 'integer', (c) => c.notNull().references('experiments.id').onDelete('cascade'))
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id'))
    .addColumn('position', 'text')
    .addPrimaryKeyConstraint('experiment_devices_pk', ['experiment_id', 'device_id'])
    .execute();
  await db.schema.createIndex('experiment_devices_device').on('experiment_devices').column('device_id').execute();

  // "references" is an SQL keyword; the entity is still called Reference in the API.
  await addRecordColumns(db.schema.createTable('literature_references'))
    .addColumn('doi', 'text')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text')
    .addColumn('journal', 'text')
    .addColumn('year', 'integer')
    .addColumn('pdf_blob_key', 'text')
    .addColumn('pdf_sha256', 'text')
    .addColumn('pdf_name', 'text')
    .execute();
  await sql`create unique index literature_references_doi_live on literature_references (lower(doi)) where status <> 'deleted' and doi is not null`.execute(db);

  await addRecordColumns(db.schema.createTable('parameter_data_sets'))
    .addColumn('reference_id', 'integer', (c) => c.references('literature_references.id'))
    .execute();
  await db.schema
    .createTable('parameter_data_set_values')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('data_set_id', 'integer', (c) => c.notNull().references('parameter_data_sets.id').onDelete('cascade'))
    .addColumn('parameter_id', 'integer', (c) => c.notNull().references('parameters.id'))
    .addColumn('value_number', 'double precision')
    .addColumn('value_text', 'text')
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('direction', 'text', (c) => c.notNull().defaultTo('input').check(sql`direction in ('input', 'output')`))
    .addColumn('component_id', 'integer', (c) => c.references('components.id'))
    .addColumn('reference_id', 'integer', (c) => c.references('literature_references.id'))
    .addCheckConstraint('parameter_data_set_values_has_value', sql`value_number is not null or value_text is not null`)
    .execute();
  await db.schema.createIndex('parameter_data_set_values_set').on('parameter_data_set_values').column('data_set_id').execute();

  await addRecordColumns(db.schema.createTable('data_files'))
    .addColumn('experiment_id', 'integer', (c) => c.notNull().references('experiments.id'))
    .addColumn('equipment_id', 'integer', (c) => c.references('equipment.id'))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz')
    .addColumn('format', 'text')
    .addColumn('parser_version', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued').check(sql`state in ('queued', 'parsing', 'ready', 'failed')`))
    .addColumn('error', 'jsonb')
    .addColumn('columns', 'jsonb')
    .addColumn('row_count', 'bigint')
    .addColumn('metadata', 'jsonb')
    .addColumn('series_key', 'text')
    .addColumn('quality_flags', 'jsonb')
    .addColumn('timezone', 'text')
    .execute();
  await sql`create unique index data_files_experiment_sha256_live on data_files (experiment_id, sha256) where status <> 'deleted'`.execute(db);
  await db.schema.createIndex('data_files_equipment').on('data_files').column('equipment_id').execute();

  await db.schema
    .createTable('data_file_companions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('data_file_id', 'integer', (c) => c.notNull().references('data_files.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('settings', 'binary', 'metadata', 'other')`))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('data_file_companions_file').on('data_file_companions').column('data_file_id').execute();

  await db.schema
    .createTable('data_file_devices')
    .addColumn('data_file_id', 'integer', (c) => c.notNull().references('data_files.id').onDelete('cascade'))
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id'))
    .addPrimaryKeyConstraint('data_file_devices_pk', ['data_file_id', 'device_id'])
    .execute();
  await db.schema.createIndex('data_file_devices_device').on('data_file_devices').column('device_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'data_file_devices',
    'data_file_companions',
    'data_files',
    'parameter_data_set_values',
    'parameter_data_sets',
    'literature_references',
    'experiment_devices',
    'experiments',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
