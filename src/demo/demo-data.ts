import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { ConflictError } from '../domain/errors.js';
import type { EntityDefinition } from '../entities/entity-definition.js';
import { buildEntitySchemas } from '../entities/entity-schemas.js';
import { createRecord } from '../entities/entity-write.service.js';
import { batchEntity } from '../batches/batch.entity.js';
import { deviceEntity } from '../devices/device.entity.js';
import { equipmentEntity } from '../equipment/equipment.entity.js';
import { experimentEntity } from '../experiments/experiment.entity.js';
import { componentEntity } from '../materials/component.entity.js';
import { compoundEntity } from '../materials/compound.entity.js';
import { organisationEntity } from '../organisations/organisation.entity.js';
import { protocolEntity } from '../protocols/protocol.entity.js';
import { parameterDataSetEntity } from '../references/parameter-data-set.entity.js';
import { referenceEntity } from '../references/reference.entity.js';
import { specificationEntity } from '../specifications/specification.entity.js';
import { insertUser } from '../users/user.repository.js';
import { cellValues, demoComponents, demoCompounds, demoEquipment, demoExperiments, demoProtocols, demoRoles, moduleValues } from './demo-catalogue.js';

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 14 letters and digits (~80 bits): easy to paste into a shell, no leading '-'. */
function newDemoPassword(): string {
  return [...randomBytes(14)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

export interface DemoAccount {
  username: string;
  password: string;
  role: string;
}

// Tables whose rows mean someone already uses this database.
const USER_DATA_TABLES = ['organisations', 'device_specifications', 'batches', 'devices', 'equipment', 'experiments', 'data_files', 'compounds', 'components', 'protocols'] as const;

/** Throws ConflictError unless the database holds no user data yet (seeded reference data and accounts do not count). */
export async function assertEmptyForDemo(db: Db): Promise<void> {
  for (const table of USER_DATA_TABLES) {
    const row = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    if (row.rows[0].n > 0) throw new ConflictError(`The database already holds data (${table}); the demo only fills an empty database`);
  }
  const taken = await db.selectFrom('users').select('username').where('username', 'in', demoRoles.map((r) => r.username)).execute();
  if (taken.length > 0) throw new ConflictError(`Demo user ${taken[0].username} already exists; the demo only fills an empty database`);
}

/**
 * Fills an empty database with a small lab: organisations, one user per role, a module → cell tree, batches,
 * devices, equipment, protocols, experiments. One transaction: a failure part way leaves the database as it was,
 * so the demo can simply be run again.
 */
export async function fillDemoData(db: Db): Promise<DemoAccount[]> {
  return db.transaction().execute((trx) => fillInTransaction(trx));
}

async function fillInTransaction(db: Db): Promise<DemoAccount[]> {
  await assertEmptyForDemo(db);
  // Each record is written with its history by createRecord, as through the API (inside this transaction).
  const create = async (def: EntityDefinition, viewer: Viewer, input: Record<string, unknown>) =>
    createRecord(db, viewer, def, buildEntitySchemas(def).create.parse({ status: 'public', ...input }) as Record<string, unknown>);

  const [lab] = await db.insertInto('organisations').values({ name: 'Demo Battery Lab', website: 'https://example.org/lab', is_research: true, status: 'public' }).returning('id').execute();
  const accounts: DemoAccount[] = [];
  const ids: Record<string, number> = {};
  for (const r of demoRoles) {
    const password = newDemoPassword();
    const user = await insertUser(db, { username: r.username, email: `${r.username}@example.org`, password, fullName: r.fullName, role: r.role, institutionId: lab.id, isActive: true });
    ids[r.role] = user.id;
    accounts.push({ username: r.username, password, role: r.role });
  }
  await db.updateTable('organisations').set({ owner_id: ids.contributor }).where('id', '=', lab.id).execute();
  const me: Viewer = { userId: ids.contributor, role: 'contributor', institutionId: lab.id, anonymousRead: false };
  const maker = await create(organisationEntity, me, { name: 'Cellmaker Ltd', is_cell_manufacturer: true });
  const instruments = await create(organisationEntity, me, { name: 'Cycler Instruments Inc.', is_equipment_manufacturer: true });

  const lookup = async (table: 'parameters' | 'units' | 'device_types', column: 'name' | 'symbol', value: string, kind?: string) => {
    let q = db.selectFrom(table).select('id').where(column as never, '=', value as never);
    if (kind) q = q.where('kind' as never, '=', kind as never);
    return (await q.executeTakeFirstOrThrow()).id;
  };
  const values = async (list: typeof cellValues) =>
    Promise.all(list.map(async ([name, value, unit, inheritable]) => ({ parameter_id: await lookup('parameters', 'name', name, 'device'), value, inheritable, ...(unit ? { unit_id: await lookup('units', 'symbol', unit) } : {}) })));

  const compoundIds: Record<string, number> = {};
  for (const c of demoCompounds) compoundIds[c.name] = (await create(compoundEntity, me, c)).id;
  const componentIds: number[] = [];
  for (const [name, type, parts] of demoComponents) {
    componentIds.push((await create(componentEntity, me, { name, type, compounds: parts.map(([compound, amount]) => ({ compound_id: compoundIds[compound], relative_amount: amount })) })).id);
  }

  const moduleSpec = await create(specificationEntity, me, {
    name: 'Demo 12S1P module',
    device_type_id: await lookup('device_types', 'name', 'Module'),
    metadata: { chemistry: 'NMC811/graphite', cooling: 'base plate' },
    parameter_values: await values(moduleValues),
  });
  const cellSpec = await create(specificationEntity, me, {
    name: 'INR21700-50E',
    parent_id: moduleSpec.id,
    device_type_id: await lookup('device_types', 'name', 'Single cell'),
    metadata: { supplier: 'Cellmaker Ltd' },
    parameter_values: await values(cellValues),
    component_ids: componentIds,
  });

  const protocolIds: Record<string, number> = {};
  for (const p of demoProtocols) protocolIds[p.name] = (await create(protocolEntity, me, p)).id;
  const cells = await create(batchEntity, me, {
    name: '50E-2024-03',
    specification_id: cellSpec.id,
    manufacturer_id: maker.id,
    manufactured_on: '2024-03-11',
    size: 24,
    serial_template: 'D50E-%03d',
    manufacturing_protocol_id: protocolIds['Cylindrical winding'],
  });
  const modules = await create(batchEntity, me, { name: 'Module lot A', specification_id: moduleSpec.id, manufactured_on: '2024-03-20', size: 2, serial_template: 'MOD-A%02d' });
  for (let sequence = 1; sequence <= 8; sequence++) await create(deviceEntity, me, { batch_id: cells.id, sequence });
  for (let sequence = 1; sequence <= 2; sequence++) await create(deviceEntity, me, { batch_id: modules.id, sequence });

  for (const e of demoEquipment) await create(equipmentEntity, me, { ...e, institution_id: lab.id, manufacturer_id: instruments.id });
  for (const [name, type, temperatureC, cRate, thermal, protocol, sequences, date] of demoExperiments) {
    await create(experimentEntity, me, {
      name,
      type,
      date,
      temperature_c: temperatureC,
      c_rate: cRate,
      thermal_management: thermal,
      device_configuration: 'single',
      protocol_id: protocolIds[protocol],
      summary: `${name}: ${sequences.length} cell(s) of batch ${cells.name}`,
      devices: sequences.map((sequence, i) => ({ batch_id: cells.id, sequence, position: `CH${i + 1}` })),
    });
  }
  await create(experimentEntity, me, { name: 'Module drive cycle', type: 'drive_cycle', date: '2024-07-01', temperature_c: 25, thermal_management: 'base', device_configuration: 'series', devices: [{ batch_id: modules.id, sequence: 1 }] });

  const reference = await create(referenceEntity, me, { name: 'Chen et al. 2020', doi: '10.1149/1945-7111/ab9050', title: 'Development of Experimental Techniques for Parameterization of Multi-scale Lithium-ion Battery Models', journal: 'J. Electrochem. Soc.', year: 2020 });
  await create(parameterDataSetEntity, me, {
    name: 'Chen 2020 LG M50',
    reference_id: reference.id,
    values: [
      { parameter_id: await lookup('parameters', 'name', 'Negative electrode thickness', 'device'), value: 85.2, component_id: componentIds[0] },
      { parameter_id: await lookup('parameters', 'name', 'Positive electrode thickness', 'device'), value: 75.6, component_id: componentIds[1] },
      { parameter_id: await lookup('parameters', 'name', 'Nominal capacity', 'device'), value: 5, direction: 'output' },
    ],
  });
  return accounts;
}
