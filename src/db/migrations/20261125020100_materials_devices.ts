import { sql, type Kysely } from 'kysely';
import { addRecordColumns } from '../record-columns.js';

// Materials, the specification tree, protocols, batches, devices and equipment.
export async function up(db: Kysely<unknown>): Promise<void> {
  await addRecordColumns(db.schema.createTable('compounds'))
    .addColumn('formula', 'text', (c) => c.notNull())
    .addColumn('molar_mass_g_per_mol', 'double precision', (c) => c.notNull())
    .execute();

  await addRecordColumns(db.schema.createTable('components'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('anode', 'cathode', 'electrolyte', 'separator')`))
    .execute();
  await db.schema
    .createTable('component_compounds')
    .addColumn('component_id', 'integer', (c) => c.notNull().references('components.id').onDelete('cascade'))
    .addColumn('compound_id', 'integer', (c) => c.notNull().references('compounds.id'))
    .addColumn('relative_amount', 'double precision', (c) => c.notNull().check(sql`relative_amount >= 0`))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('component_compounds_pk', ['component_id', 'compound_id'])
    .execute();
  await db.schema.createIndex('component_compounds_compound').on('component_compounds').column('compound_id').execute();

  await addRecordColumns(db.schema.createTable('device_types')).execute();
  await sql`create unique index device_types_name_live on device_types (lower(name)) where status <> 'deleted'`.execute(db);
  for (const name of ['Single cell', 'Module', 'Pack']) {
    await sql`insert into device_types (name, status) values (${name}, 'public')`.execute(db);
  }

  await addRecordColumns(db.schema.createTable('device_specifications'))
    .addColumn('parent_id', 'integer', (c) => c.references('device_specifications.id'))
    .addColumn('device_type_id', 'integer', (c) => c.notNull().references('device_types.id'))
    .addColumn('spec_sheet_blob_key', 'text')
    .addColumn('spec_sheet_sha256', 'text')
    .addColumn('spec_sheet_name', 'text')
    .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addCheckConstraint('device_specifications_not_own_parent', sql`parent_id is null or parent_id <> id`)
    .execute();
  await db.schema.createIndex('device_specifications_parent').on('device_specifications').column('parent_id').execute();
  await db.schema.createIndex('device_specifications_type').on('device_specifications').column('device_type_id').execute();

  await db.schema
    .createTable('specification_parameter_values')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('specification_id', 'integer', (c) => c.notNull().references('device_specifications.id').onDelete('cascade'))
    .addColumn('parameter_id', 'integer', (c) => c.notNull().references('parameters.id'))
    .addColumn('value_number', 'double precision')
    .addColumn('value_text', 'text')
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('inheritable', 'boolean', (c) => c.notNull().defaultTo(true))
    .addCheckConstraint('specification_parameter_values_has_value', sql`value_number is not null or value_text is not null`)
    .addUniqueConstraint('specification_parameter_values_one_per_parameter', ['specification_id', 'parameter_id'])
    .execute();
  await db.schema.createIndex('specification_parameter_values_parameter').on('specification_parameter_values').column('parameter_id').execute();

  await db.schema
    .createTable('specification_components')
    .addColumn('specification_id', 'integer', (c) => c.notNull().references('device_specifications.id').onDelete('cascade'))
    .addColumn('component_id', 'integer', (c) => c.notNull().references('components.id'))
    .addPrimaryKeyConstraint('specification_components_pk', ['specification_id', 'component_id'])
    .execute();
  await db.schema.createIndex('specification_components_component').on('specification_components').column('component_id').execute();

  await addRecordColumns(db.schema.createTable('protocols'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('experimental', 'modelling', 'manufacturing')`))
    .addColumn('steps', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();

  await addRecordColumns(db.schema.createTable('batches'))
    .addColumn('specification_id', 'integer', (c) => c.notNull().references('device_specifications.id'))
    .addColumn('manufacturer_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('manufactured_on', 'date')
    .addColumn('size', 'integer', (c) => c.check(sql`size >= 0`))
    .addColumn('serial_template', 'text')
    .addColumn('manufacturing_protocol_id', 'integer', (c) => c.references('protocols.id'))
    .execute();
  await db.schema.createIndex('batches_specification').on('batches').column('specification_id').execute();
  await db.schema.createIndex('batches_manufacturer').on('batches').column('manufacturer_id').execute();

  // name mirrors the serial so that search and choice lists show it.
  await addRecordColumns(db.schema.createTable('devices'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('batches.id'))
    .addColumn('sequence', 'integer', (c) => c.notNull().check(sql`sequence >= 1`))
    .addColumn('serial', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index devices_batch_sequence_live on devices (batch_id, sequence) where status <> 'deleted'`.execute(db);
  await sql`create unique index devices_batch_serial_live on devices (batch_id, serial) where status <> 'deleted'`.execute(db);

  await addRecordColumns(db.schema.createTable('equipment'))
    .addColumn('institution_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('manufacturer_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('model', 'text')
    .addColumn('serial_number', 'text')
    .addColumn('default_format', 'text')
    .execute();
  await db.schema.createIndex('equipment_institution').on('equipment').column('institution_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'equipment',
    'devices',
    'batches',
    'protocols',
    'specification_components',
    'specification_parameter_values',
    'device_specifications',
    'device_types',
    'component_compounds',
    'components',
    'compounds',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
