import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/setup/test-database.js';
import type { DatabaseHandle } from '../db/database.js';

describe('seeded reference data', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  const unit = (symbol: string) =>
    handle.db.selectFrom('units').innerJoin('quantities as q', 'q.id', 'units.quantity_id')
      .select(['units.scale_to_si', 'units.offset_to_si', 'units.is_si', 'q.name as quantity']).where('units.symbol', '=', symbol).executeTakeFirstOrThrow();

  it('has SI scale factors for the units batteries are measured in', async () => {
    expect(await unit('mA')).toMatchObject({ scale_to_si: 0.001, is_si: false, quantity: 'Electric current' });
    expect(await unit('mA·h')).toMatchObject({ scale_to_si: 3.6, quantity: 'Electric charge' });
    expect(await unit('A·h')).toMatchObject({ scale_to_si: 3600 });
    expect(await unit('W·h')).toMatchObject({ scale_to_si: 3600, quantity: 'Energy' });
    expect(await unit('mW·h')).toMatchObject({ scale_to_si: 3.6 });
    expect(await unit('cm²')).toMatchObject({ scale_to_si: 1e-4 });
    expect(await unit('mg')).toMatchObject({ scale_to_si: 1e-6 });
    expect(await unit('g')).toMatchObject({ scale_to_si: 1e-3 });
    expect(await unit('µm')).toMatchObject({ scale_to_si: 1e-6 });
    expect(await unit('°C')).toMatchObject({ scale_to_si: 1, offset_to_si: 273.15, quantity: 'Temperature' });
    expect(await unit('K')).toMatchObject({ is_si: true });
    expect(await unit('mΩ')).toMatchObject({ scale_to_si: 0.001 });
    expect(await unit('h')).toMatchObject({ scale_to_si: 3600, quantity: 'Time' });
    const siPerQuantity = await handle.db.selectFrom('units').select(['quantity_id']).where('is_si', '=', true).execute();
    const quantities = await handle.db.selectFrom('quantities').select('id').execute();
    expect(siPerQuantity).toHaveLength(quantities.length);
  });

  it('has the usual device and experiment parameters with units, public and ownerless', async () => {
    const rows = await handle.db.selectFrom('parameters').leftJoin('units as u', 'u.id', 'parameters.unit_id')
      .select(['parameters.name', 'parameters.kind', 'parameters.status', 'parameters.owner_id', 'u.symbol as unit']).execute();
    const find = (name: string, kind: string) => rows.find((r) => r.name === name && r.kind === kind);
    expect(find('Nominal capacity', 'device')).toMatchObject({ unit: 'A·h', status: 'public', owner_id: null });
    expect(find('Form factor', 'device')).toMatchObject({ unit: null });
    expect(find('Positive electrode loading', 'device')).toMatchObject({ unit: 'mg/cm²' });
    expect(find('Number of layers', 'device')).toMatchObject({ unit: '1' });
    expect(find('Temperature', 'experiment')).toMatchObject({ unit: '°C' });
    expect(find('Cycle number', 'experiment')).toMatchObject({ unit: '1' });
    expect(find('Record number', 'experiment')).toBeDefined();
    // Every numeric parameter found its unit (a typo in the seed would leave it null).
    const numeric = await handle.db.selectFrom('parameters').select('name').where('value_type', '=', 'number').where('unit_id', 'is', null).execute();
    expect(numeric).toEqual([]);
  });

  it('has the device types', async () => {
    const types = await handle.db.selectFrom('device_types').select('name').orderBy('id').execute();
    expect(types.map((t) => t.name)).toEqual(['Single cell', 'Module', 'Pack']);
  });
});
