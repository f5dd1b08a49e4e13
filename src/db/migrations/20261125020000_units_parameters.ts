import { sql, type Kysely } from 'kysely';
import { addRecordColumns } from '../record-columns.js';

// Seed data is frozen here on purpose: a migration must produce the same rows whenever it runs.
// [quantity name, symbol, [[unit name, symbol, is_si, scale to SI, offset to SI]...]]
type UnitSeed = [string, string, boolean, number, number?];
const quantities: [string, string, UnitSeed[]][] = [
  ['Time', 't', [['second', 's', true, 1], ['millisecond', 'ms', false, 1e-3], ['minute', 'min', false, 60], ['hour', 'h', false, 3600], ['day', 'd', false, 86400]]],
  ['Electric current', 'I', [['ampere', 'A', true, 1], ['milliampere', 'mA', false, 1e-3], ['microampere', 'µA', false, 1e-6]]],
  ['Voltage', 'U', [['volt', 'V', true, 1], ['millivolt', 'mV', false, 1e-3]]],
  ['Electric charge', 'Q', [['coulomb', 'C', true, 1], ['ampere hour', 'A·h', false, 3600], ['milliampere hour', 'mA·h', false, 3.6]]],
  ['Energy', 'E', [['joule', 'J', true, 1], ['watt hour', 'W·h', false, 3600], ['milliwatt hour', 'mW·h', false, 3.6], ['kilowatt hour', 'kW·h', false, 3.6e6]]],
  ['Power', 'P', [['watt', 'W', true, 1], ['milliwatt', 'mW', false, 1e-3], ['kilowatt', 'kW', false, 1e3]]],
  ['Temperature', 'T', [['kelvin', 'K', true, 1], ['degree Celsius', '°C', false, 1, 273.15]]],
  ['Electrical resistance', 'R', [['ohm', 'Ω', true, 1], ['milliohm', 'mΩ', false, 1e-3]]],
  ['Mass', 'm', [['kilogram', 'kg', true, 1], ['gram', 'g', false, 1e-3], ['milligram', 'mg', false, 1e-6]]],
  ['Length', 'l', [['metre', 'm', true, 1], ['centimetre', 'cm', false, 1e-2], ['millimetre', 'mm', false, 1e-3], ['micrometre', 'µm', false, 1e-6]]],
  ['Area', 'A', [['square metre', 'm²', true, 1], ['square centimetre', 'cm²', false, 1e-4], ['square millimetre', 'mm²', false, 1e-6]]],
  ['Volume', 'V', [['cubic metre', 'm³', true, 1], ['litre', 'L', false, 1e-3], ['millilitre', 'mL', false, 1e-6]]],
  ['Areal mass loading', 'w', [['kilogram per square metre', 'kg/m²', true, 1], ['milligram per square centimetre', 'mg/cm²', false, 1e-2]]],
  ['Areal capacity', 'q_A', [['coulomb per square metre', 'C/m²', true, 1], ['milliampere hour per square centimetre', 'mA·h/cm²', false, 3.6e4]]],
  ['Specific capacity', 'q_m', [['coulomb per kilogram', 'C/kg', true, 1], ['milliampere hour per gram', 'mA·h/g', false, 3600]]],
  ['Density', 'ρ', [['kilogram per cubic metre', 'kg/m³', true, 1], ['gram per cubic centimetre', 'g/cm³', false, 1e3]]],
  ['Frequency', 'f', [['hertz', 'Hz', true, 1], ['kilohertz', 'kHz', false, 1e3]]],
  ['Molar mass', 'M', [['kilogram per mole', 'kg/mol', true, 1], ['gram per mole', 'g/mol', false, 1e-3]]],
  ['Dimensionless', '1', [['one', '1', true, 1], ['percent', '%', false, 1e-2]]],
];

// [name, symbol, unit symbol (unique among the seeded units), kind, value type]
const parameters: [string, string, string | null, 'device' | 'experiment', 'number' | 'text'][] = [
  ['Nominal capacity', 'Q_nom', 'A·h', 'device', 'number'],
  ['Nominal voltage', 'U_nom', 'V', 'device', 'number'],
  ['Minimum voltage', 'U_min', 'V', 'device', 'number'],
  ['Maximum voltage', 'U_max', 'V', 'device', 'number'],
  ['Nominal energy', 'E_nom', 'W·h', 'device', 'number'],
  ['Maximum continuous charge current', 'I_ch_max', 'A', 'device', 'number'],
  ['Maximum continuous discharge current', 'I_dis_max', 'A', 'device', 'number'],
  ['Internal resistance', 'R_i', 'mΩ', 'device', 'number'],
  ['Form factor', 'form', null, 'device', 'text'],
  ['Chemistry', 'chem', null, 'device', 'text'],
  ['Positive electrode area', 'A_pos', 'cm²', 'device', 'number'],
  ['Negative electrode area', 'A_neg', 'cm²', 'device', 'number'],
  ['Positive active material mass', 'm_am_pos', 'g', 'device', 'number'],
  ['Negative active material mass', 'm_am_neg', 'g', 'device', 'number'],
  ['Positive electrode loading', 'w_pos', 'mg/cm²', 'device', 'number'],
  ['Negative electrode loading', 'w_neg', 'mg/cm²', 'device', 'number'],
  ['Positive electrode thickness', 'L_pos', 'µm', 'device', 'number'],
  ['Negative electrode thickness', 'L_neg', 'µm', 'device', 'number'],
  ['Separator thickness', 'L_sep', 'µm', 'device', 'number'],
  ['Number of layers', 'n_layers', '1', 'device', 'number'],
  ['Number of cells in series', 'n_series', '1', 'device', 'number'],
  ['Number of cells in parallel', 'n_parallel', '1', 'device', 'number'],
  ['Mass', 'm', 'g', 'device', 'number'],
  ['Cell area', 'A_cell', 'cm²', 'device', 'number'],
  ['Diameter', 'd', 'mm', 'device', 'number'],
  ['Height', 'h', 'mm', 'device', 'number'],
  ['Thickness', 'th', 'mm', 'device', 'number'],
  ['Time', 't', 's', 'experiment', 'number'],
  ['Voltage', 'U', 'V', 'experiment', 'number'],
  ['Current', 'I', 'A', 'experiment', 'number'],
  ['Charge', 'Q', 'A·h', 'experiment', 'number'],
  ['Energy', 'E', 'W·h', 'experiment', 'number'],
  ['Power', 'P', 'W', 'experiment', 'number'],
  ['Temperature', 'T', '°C', 'experiment', 'number'],
  ['Cycle number', 'N', '1', 'experiment', 'number'],
  ['Step number', 'step', '1', 'experiment', 'number'],
  ['Record number', 'rec', '1', 'experiment', 'number'],
  ['Internal resistance', 'R_i', 'Ω', 'experiment', 'number'],
  ['C-rate', 'C_rate', '1', 'experiment', 'number'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await addRecordColumns(db.schema.createTable('quantities'))
    .addColumn('symbol', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`create unique index quantities_name_live on quantities (lower(name)) where status <> 'deleted'`.execute(db);

  await addRecordColumns(db.schema.createTable('units'))
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('quantity_id', 'integer', (c) => c.notNull().references('quantities.id'))
    .addColumn('is_si', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('scale_to_si', 'double precision', (c) => c.notNull().defaultTo(1).check(sql`scale_to_si <> 0`))
    .addColumn('offset_to_si', 'double precision', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`create unique index units_quantity_symbol_live on units (quantity_id, symbol) where status <> 'deleted'`.execute(db);
  await sql`create unique index units_one_si_per_quantity on units (quantity_id) where is_si and status <> 'deleted'`.execute(db);

  await addRecordColumns(db.schema.createTable('parameters'))
    .addColumn('symbol', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('device', 'experiment')`))
    .addColumn('value_type', 'text', (c) => c.notNull().defaultTo('number').check(sql`value_type in ('number', 'text')`))
    .execute();
  await sql`create unique index parameters_kind_name_live on parameters (kind, lower(name)) where status <> 'deleted'`.execute(db);
  await db.schema.createIndex('parameters_unit').on('parameters').column('unit_id').execute();

  // One statement per table: PGlite pays per round trip, and the migration round-trip test runs this twice.
  const q = await sql<{ id: number; name: string }>`insert into quantities (name, symbol, status)
    values ${sql.join(quantities.map(([name, symbol]) => sql`(${name}, ${symbol}, 'public')`))} returning id, name`.execute(db);
  const quantityId = new Map(q.rows.map((r) => [r.name, r.id]));
  const unitRows = quantities.flatMap(([quantity, , units]) =>
    units.map(([name, symbol, isSi, scale, offset]) => sql`(${name}, ${symbol}, ${quantityId.get(quantity)}, ${isSi}, ${scale}, ${offset ?? 0}, 'public')`),
  );
  await sql`insert into units (name, symbol, quantity_id, is_si, scale_to_si, offset_to_si, status) values ${sql.join(unitRows)}`.execute(db);
  const parameterRows = parameters.map(([name, symbol, unitSymbol, kind, valueType]) => sql`(${name}, ${symbol}, ${unitSymbol}, ${kind}, ${valueType})`);
  await sql`insert into parameters (name, symbol, unit_id, kind, value_type, status)
    select p.name, p.symbol, u.id, p.kind, p.value_type, 'public'
    from (values ${sql.join(parameterRows)}) as p(name, symbol, unit_symbol, kind, value_type)
    left join units u on u.symbol = p.unit_symbol`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('parameters').execute();
  await db.schema.dropTable('units').execute();
  await db.schema.dropTable('quantities').execute();
}
