import { sql } from 'kysely';
import { visibleTo } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { ValidationError } from '../domain/errors.js';
import { resolveEffectiveValues } from '../domain/specification-inheritance.js';
import { readParameterValues, visibleAncestorIds } from '../specifications/specification-values.repository.js';

export type CapacityUnit = 'Ah' | 'mAh' | 'mAh/g' | 'mAh/cm2';
export const CAPACITY_UNITS = ['Ah', 'mAh', 'mAh/g', 'mAh/cm2'] as const;
/** The units that divide by a mass or an area. */
type SpecificUnit = Exclude<CapacityUnit, 'Ah' | 'mAh'>;

/** How capacities (Ah) of one data file are shown in a unit: value_in_unit = valueAh × factor. */
export interface CapacityScale {
  unit: CapacityUnit;
  factor: number;
  /** The specification parameter used (null for Ah and mAh). */
  basis: { parameter: string; symbol: string; value: number; unit: string; specificationId: number | null } | null;
}

// Specific capacity is per gram of positive active material when the specification gives it,
// else per gram of cell; areal capacity per cm² of positive electrode, else of cell.
const BASIS: Record<SpecificUnit, { symbols: string[]; siToShown: number; shown: string }> = {
  'mAh/g': { symbols: ['m_am_pos', 'm'], siToShown: 1000, shown: 'g' },
  'mAh/cm2': { symbols: ['A_pos', 'A_cell'], siToShown: 1e4, shown: 'cm²' },
};

// What the cycler file itself recorded (parser metadata), used when the specification says nothing:
// the active mass entered in EC-Lab or Neware BTS, the electrode area entered in EC-Lab.
const FILE_BASIS: Record<SpecificUnit, { key: string; toShown: number; parameter: string }> = {
  'mAh/g': { key: 'activeMassMg', toShown: 1e-3, parameter: 'active material mass recorded in the data file' },
  'mAh/cm2': { key: 'electrodeAreaCm2', toShown: 1, parameter: 'electrode area recorded in the data file' },
};

/**
 * The factor turning Ah into `unit` for a data file: from the mass or area parameters on its
 * device's specification (inherited values included), else from the mass or area the cycler file
 * recorded (parser metadata). ValidationError when neither gives one.
 */
export async function capacityScale(db: Db, viewer: Viewer, dataFileId: number, unit: CapacityUnit): Promise<CapacityScale> {
  if (unit === 'Ah' || unit === 'mAh') return { unit, factor: unit === 'mAh' ? 1000 : 1, basis: null };
  const fail = (message: string): never => {
    throw new ValidationError(`Cannot show capacity of data file ${dataFileId} in ${unit}: ${message}`, [{ field: 'unit', message }]);
  };
  try {
    return await specificationScale(db, viewer, dataFileId, unit);
  } catch (e) {
    if (!(e instanceof SpecificationLacks)) throw e;
    const fromFile = await fileScale(db, dataFileId, unit);
    return fromFile ?? fail(`${e.message}, and the data file records no ${FILE_BASIS[unit].key}`);
  }
}

class SpecificationLacks extends Error {}

async function fileScale(db: Db, dataFileId: number, unit: SpecificUnit): Promise<CapacityScale | null> {
  const { key, toShown, parameter } = FILE_BASIS[unit];
  const row = await db.selectFrom('data_files').select(sql<unknown>`metadata -> ${key}`.as('amount')).where('id', '=', dataFileId).executeTakeFirst();
  const amount = Number(row?.amount) * toShown;
  if (!(Number.isFinite(amount) && amount > 0)) return null;
  return { unit, factor: 1000 / amount, basis: { parameter, symbol: key, value: amount, unit: BASIS[unit].shown, specificationId: null } };
}

async function specificationScale(db: Db, viewer: Viewer, dataFileId: number, unit: SpecificUnit): Promise<CapacityScale> {
  const lacks = (message: string): never => {
    throw new SpecificationLacks(message);
  };
  const fail = (message: string): never => {
    throw new ValidationError(`Cannot show capacity of data file ${dataFileId} in ${unit}: ${message}`, [{ field: 'unit', message }]);
  };
  const specs = await db
    .selectFrom('data_file_devices as dd')
    .innerJoin('devices as d', 'd.id', 'dd.device_id')
    .innerJoin('batches as b', 'b.id', 'd.batch_id')
    .innerJoin('device_specifications as s', 's.id', 'b.specification_id')
    .select('s.id')
    .distinct()
    .where('dd.data_file_id', '=', dataFileId)
    .where(visibleTo(viewer, 'devices as d'))
    .where(visibleTo(viewer, 'batches as b'))
    .where(visibleTo(viewer, 'device_specifications as s'))
    .execute();
  if (specs.length === 0) lacks('the data file is linked to no (visible) device with a specification');
  if (specs.length > 1) fail('its devices have different specifications');
  const specificationId = specs[0].id;
  const chain = [...(await visibleAncestorIds(db, viewer, specificationId)).reverse(), specificationId];
  const stored = await readParameterValues(db, viewer, chain);
  const effective = resolveEffectiveValues(
    chain.map((id) => ({ id, metadata: {}, values: (stored.get(id) ?? []).map((v) => ({ parameterId: v.parameter_id, value: v, inheritable: v.inheritable })) })),
  );
  const basis = BASIS[unit];
  const params = await sql<{ id: number; name: string; symbol: string }>`select id, name, symbol from parameters where symbol in (${sql.join(basis.symbols)}) and status <> 'deleted'`.execute(db);
  for (const symbol of basis.symbols) {
    const param = params.rows.find((p) => p.symbol === symbol);
    const found = param && effective.find((e) => e.parameterId === param.id);
    if (!param || !found || typeof found.value.value !== 'number') continue;
    const { value: amount, unit_id: unitId } = found.value;
    const unitRow = unitId === null ? undefined : await db.selectFrom('units').select('scale_to_si').where('id', '=', unitId).executeTakeFirst();
    if (!unitRow) return fail(`${param.name} has no unit`);
    const shownAmount = amount * Number(unitRow.scale_to_si) * basis.siToShown;
    if (!(shownAmount > 0)) fail(`${param.name} must be positive`);
    return {
      unit,
      factor: 1000 / shownAmount,
      basis: { parameter: param.name, symbol, value: shownAmount, unit: basis.shown, specificationId: found.sourceSpecificationId },
    };
  }
  return lacks(`specification ${specificationId} sets none of the parameters ${basis.symbols.join(', ')}`);
}
