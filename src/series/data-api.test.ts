import { sql } from 'kysely';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import type { CycleSummary } from '../domain/cycle-summary.js';
import type { StepSummary } from '../domain/step-table.js';
import { replaceCycleSummaries } from '../ingest/cycle-columns.js';
import { stepRows } from '../ingest/summary-rows.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { seedDataFile, seedDevice } from './data-api-seed.js';
import { withDuckDb, sqlString } from './duckdb.js';

const CYCLES = 12;
const dischargeAh = (c: number) => 3 * (1 - 0.001 * (c - 1)) * (3599 / 3600);

describe('data API over stored series', () => {
  let dir: string;
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let file: { id: number; seriesKey: string; rows: number };
  let bare: { id: number };
  let batchId: number;
  const rawText = 'Data_Point,Test_Time(s),Voltage(V)\n1,0,3.5\n2,1,3.6\n';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'data-api-'));
    t = await createTestApp({ config: { dataDir: dir } });
    owner = await t.createUser('contributor');
    other = await t.createUser('contributor');
    const store = openBlobStore(t.deps.config);
    const device = await seedDevice(t.handle.db, owner.id, { m_am_pos: 20, A_pos: 100 });
    batchId = device.batchId;
    file = await seedDataFile(t.handle.db, store, { ownerId: owner.id, status: 'private', deviceId: device.deviceId, dir, cycles: CYCLES, originalName: 'cell 1 – run.csv', rawText });
    const second = await seedDevice(t.handle.db, owner.id, {}, batchId);
    await seedDataFile(t.handle.db, store, { ownerId: owner.id, status: 'private', deviceId: second.deviceId, dir, cycles: 6 });
    const lacking = await seedDevice(t.handle.db, owner.id, { m: 45 });
    bare = await seedDataFile(t.handle.db, store, { ownerId: owner.id, status: 'public', deviceId: lacking.deviceId, dir, cycles: 2 });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, user: TestUser | null = owner) => t.call('GET', path, user);

  it('serves the series as compact JSON, downsampled to maxPoints', async () => {
    const res = await get(`/api/v1/data-files/${file.id}/series?columns=Voltage / V,Current / A&maxPoints=2000`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { columns: Record<string, number[]>; rows: number; downsampled: boolean };
    expect(body.downsampled).toBe(true);
    expect(body.rows).toBeLessThanOrEqual(2000);
    expect(Object.keys(body.columns)).toEqual(['Test Time / s', 'Voltage / V', 'Current / A']);
    expect(body.columns['Current / A']).toContain(3);
    expect(body.columns['Test Time / s'][body.rows - 1]).toBe(file.rows - 1);
  });

  it('serves a small window at full resolution, as Arrow IPC', async () => {
    const res = await get(`/api/v1/data-files/${file.id}/series?columns=Voltage / V&from=100&to=199&format=arrow`);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.numRows).toBe(100);
    expect(table.schema.metadata.get('downsampled')).toBe('false');
    expect(table.getChild('Test Time / s')!.get(0)).toBe(100);
  });

  it('answers 400 for an unknown column or a bad cycle list', async () => {
    expect((await get(`/api/v1/data-files/${file.id}/series?columns=Nope`)).status).toBe(400);
    expect((await get(`/api/v1/data-files/${file.id}/series?cycles=3-1`)).status).toBe(400);
  });

  it('lists cycles with capacities, and normalises them per gram and per cm²', async () => {
    const ah = (await (await get(`/api/v1/data-files/${file.id}/cycles`)).json()) as { cycles: { cycle: number; dischargeCapacityAh: number; coulombicEfficiency: number }[] };
    expect(ah.cycles).toHaveLength(CYCLES);
    ah.cycles.forEach((c) => expect(c.dischargeCapacityAh).toBeCloseTo(dischargeAh(c.cycle), 9));
    const perGram = (await (await get(`/api/v1/data-files/${file.id}/cycles?unit=mAh/g`)).json()) as { capacityUnit: string; cycles: { dischargeCapacity: number }[]; normalisedBy: { symbol: string } };
    expect(perGram.capacityUnit).toBe('mAh/g');
    expect(perGram.normalisedBy.symbol).toBe('m_am_pos');
    expect(perGram.cycles[0].dischargeCapacity).toBeCloseTo((dischargeAh(1) * 1000) / 20, 9);
    const perArea = (await (await get(`/api/v1/data-files/${file.id}/cycles?unit=mAh/cm2`)).json()) as { cycles: { dischargeCapacity: number }[] };
    expect(perArea.cycles[0].dischargeCapacity).toBeCloseTo((dischargeAh(1) * 1000) / 100, 9);
    const milli = (await (await get(`/api/v1/data-files/${file.id}/cycles?unit=mAh`)).json()) as { capacityUnit: string; cycles: { dischargeCapacity: number }[]; normalisedBy: unknown };
    expect([milli.capacityUnit, milli.normalisedBy]).toEqual(['mAh', null]);
    expect(milli.cycles[0].dischargeCapacity).toBeCloseTo(dischargeAh(1) * 1000, 9);
  });

  it('falls back to cell mass, and answers 400 when the specification has no area', async () => {
    const perGram = (await (await get(`/api/v1/data-files/${bare.id}/cycles?unit=mAh/g`)).json()) as { cycles: { dischargeCapacity: number }[]; normalisedBy: { symbol: string } };
    expect(perGram.normalisedBy.symbol).toBe('m');
    expect(perGram.cycles[0].dischargeCapacity).toBeCloseTo((dischargeAh(1) * 1000) / 45, 9);
    const res = await get(`/api/v1/data-files/${bare.id}/cycles?unit=mAh/cm2`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/A_pos, A_cell, and the data file records no electrodeAreaCm2/);
  });

  it('uses the electrode area the cycler file recorded when the specification has none', async () => {
    await sql`update data_files set metadata = coalesce(metadata, '{}'::jsonb) || '{"electrodeAreaCm2": 2.5}'::jsonb where id = ${bare.id}`.execute(t.handle.db);
    try {
      const perArea = (await (await get(`/api/v1/data-files/${bare.id}/cycles?unit=mAh/cm2`)).json()) as { cycles: { dischargeCapacity: number }[]; normalisedBy: { symbol: string; specificationId: number | null } };
      expect(perArea.normalisedBy).toMatchObject({ symbol: 'electrodeAreaCm2', specificationId: null });
      expect(perArea.cycles[0].dischargeCapacity).toBeCloseTo((dischargeAh(1) * 1000) / 2.5, 9);
      // The specification still wins where it has a value: per gram uses its cell mass.
      const perGram = (await (await get(`/api/v1/data-files/${bare.id}/cycles?unit=mAh/g`)).json()) as { normalisedBy: { symbol: string } };
      expect(perGram.normalisedBy.symbol).toBe('m');
    } finally {
      await sql`update data_files set metadata = metadata - 'electrodeAreaCm2' where id = ${bare.id}`.execute(t.handle.db);
    }
  });

  it('serves the cycle and step rows stored at ingest when there are any', async () => {
    const computed = (await (await get(`/api/v1/data-files/${bare.id}/cycles`)).json()) as { source: string; cycles: CycleSummary[] };
    expect(computed.source).toBe('computed');
    await t.handle.db.transaction().execute((tx) => replaceCycleSummaries(tx, bare.id, computed.cycles, new Map()));
    const steps = (await (await get(`/api/v1/data-files/${bare.id}/steps`)).json()) as { steps: StepSummary[] };
    await t.handle.db.insertInto('steps').values(stepRows(bare.id, steps.steps)).execute();
    const stored = (await (await get(`/api/v1/data-files/${bare.id}/cycles`)).json()) as { source: string; cycles: CycleSummary[] };
    expect(stored.source).toBe('stored');
    expect(stored.cycles.map((c) => c.dischargeCapacityAh)).toEqual(computed.cycles.map((c) => c.dischargeCapacityAh));
    const storedSteps = (await (await get(`/api/v1/data-files/${bare.id}/steps`)).json()) as { source: string; steps: StepSummary[] };
    expect(storedSteps.source).toBe('stored');
    expect(storedSteps.steps).toEqual(steps.steps);
  });

  it('downloads the cycle and step tables as CSV: units in the headers, the same figures as the JSON', async () => {
    const json = (await (await get(`/api/v1/data-files/${file.id}/cycles?unit=mAh/g`)).json()) as { cycles: { cycle: number; dischargeCapacity: number; coulombicEfficiency: number }[] };
    const res = await get(`/api/v1/data-files/${file.id}/cycles?format=csv&unit=mAh/g`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''cell%201%20%E2%80%93%20run-cycles.csv");
    const [header, ...lines] = (await res.text()).trimEnd().split('\r\n');
    const names = header.split(',');
    expect(names.slice(0, 5)).toEqual(['Cycle', 'Vendor cycle', 'Charge capacity / mAh/g', 'Discharge capacity / mAh/g', 'Coulombic efficiency / %']);
    expect(names.at(-1)).toBe('Quality flags');
    expect(lines).toHaveLength(CYCLES);
    const rows = lines.map((l) => l.split(','));
    const col = (name: string) => names.indexOf(name);
    rows.forEach((r, i) => {
      expect(Number(r[col('Cycle')])).toBe(json.cycles[i].cycle);
      expect(Number(r[col('Discharge capacity / mAh/g')])).toBeCloseTo(json.cycles[i].dischargeCapacity, 9);
      expect(Number(r[col('Coulombic efficiency / %')])).toBeCloseTo(json.cycles[i].coulombicEfficiency * 100, 9);
    });
    const steps = await (await get(`/api/v1/data-files/${file.id}/steps?format=csv`)).text();
    const [stepHeader, first, second] = steps.split('\r\n');
    expect(stepHeader.split(',').slice(0, 4)).toEqual(['Step', 'Cycle', 'Program step', 'Step type']);
    expect([first.split(',')[3], second.split(',')[3]]).toEqual(['cc_charge', 'cc_discharge']);
    expect(steps.trimEnd().split('\r\n')).toHaveLength(2 * CYCLES + 1);
  });

  it('lists steps', async () => {
    const body = (await (await get(`/api/v1/data-files/${file.id}/steps`)).json()) as { steps: { stepType: number; rowCount: number }[] };
    expect(body.steps).toHaveLength(2 * CYCLES);
    expect(body.steps.slice(0, 2).map((s) => [s.stepType, s.rowCount])).toEqual([[2, 3600], [5, 3600]]);
  });

  it('computes dQ/dV whose integral over voltage is the capacity moved', async () => {
    const res = await get(`/api/v1/data-files/${file.id}/dqdv?cycles=1,5&bins=150`);
    expect(res.status).toBe(200);
    type Half = { dqdv: { voltageV: number[]; dqdv: (number | null)[] }; dvdq: { capacity: number[]; dvdq: (number | null)[] } };
    const body = (await res.json()) as { curves: { cycle: number; charge: Half; discharge: Half }[] };
    expect(body.curves.map((c) => c.cycle)).toEqual([1, 5]);
    const { charge, discharge } = body.curves[0];
    expect(charge.dqdv.voltageV).toHaveLength(150);
    expect(charge.dvdq.capacity).toHaveLength(150);
    const integral = (h: Half['dqdv']) => {
      const dv = h.voltageV[1] - h.voltageV[0];
      return h.dqdv.reduce<number>((s, y) => s + (y ?? 0) * dv, 0);
    };
    expect(integral(charge.dqdv)).toBeGreaterThan(0.9 * 3);
    expect(integral(charge.dqdv)).toBeLessThan(1.05 * 3);
    expect(integral(discharge.dqdv)).toBeLessThan(-0.9 * 3);
    expect(charge.dvdq.dvdq.filter((y) => y !== null).every((y) => y! > 0)).toBe(true);
  });

  it('returns voltage vs capacity curves per cycle, reduced to maxPoints', async () => {
    const body = (await (await get(`/api/v1/data-files/${file.id}/voltage-capacity?cycles=2&maxPoints=400`)).json()) as { curves: { charge: { capacity: number[]; voltageV: number[] }; discharge: { capacity: number[] } }[] };
    const { charge, discharge } = body.curves[0];
    expect(charge.capacity.length).toBeLessThanOrEqual(400);
    expect(charge.capacity.length).toBe(charge.voltageV.length);
    expect(charge.capacity[0]).toBe(0);
    expect(discharge.capacity[discharge.capacity.length - 1]).toBeCloseTo(dischargeAh(2), 9);
    for (let i = 1; i < charge.capacity.length; i++) expect(charge.capacity[i]).toBeGreaterThanOrEqual(charge.capacity[i - 1]);
  });

  it('compares cycles across data files and summarises a batch with its fade rate', async () => {
    type Figures = { cycleCount: number; initialDischargeCapacity: number; finalDischargeCapacity: number; fadePercentPer100Cycles: number; meanCoulombicEfficiency: number };
    const cmp = (await (await get(`/api/v1/compare/cycles?dataFiles=${file.id},${bare.id}&metric=capacity`)).json()) as { dataFiles: { id: number; cycle: number[]; discharge: number[]; figures: Figures }[] };
    expect(cmp.dataFiles.map((f) => [f.id, f.cycle.length])).toEqual([[file.id, CYCLES], [bare.id, 2]]);
    // Each file's figures: the seeded capacity falls 0.1 % of the first cycle's per cycle, 10 % per 100 cycles.
    const figures = cmp.dataFiles[0].figures;
    expect(figures.cycleCount).toBe(CYCLES);
    expect(figures.initialDischargeCapacity).toBeCloseTo(dischargeAh(1), 9);
    expect(figures.finalDischargeCapacity).toBeCloseTo(dischargeAh(CYCLES), 9);
    expect(figures.fadePercentPer100Cycles).toBeCloseTo(10, 6);
    // `bare` has stored cycle rows (an earlier test wrote them): the folded binary arrays give the same numbers.
    const bareCycles = (await (await get(`/api/v1/data-files/${bare.id}/cycles`)).json()) as { source: string; cycles: { cycle: number; dischargeCapacityAh: number }[] };
    expect(bareCycles.source).toBe('stored');
    expect(cmp.dataFiles[1].cycle).toEqual(bareCycles.cycles.map((c) => c.cycle));
    expect(cmp.dataFiles[1].discharge).toEqual(bareCycles.cycles.map((c) => c.dischargeCapacityAh));
    const eff = (await (await get(`/api/v1/compare/cycles?dataFiles=${file.id}&metric=efficiency`)).json()) as { dataFiles: { coulombic: number[] }[] };
    expect(eff.dataFiles[0].coulombic[0]).toBeCloseTo(3599 / 3600, 9);
    const stats = (await (await get(`/api/v1/batches/${batchId}/statistics`)).json()) as {
      devices: { fadePercentPer100Cycles: number; cycleCount: number }[];
      spread: { initialDischargeCapacity: { n: number; mean: number; std: number } };
      dischargeCapacityByCycle: { cycle: number[]; n: number[] };
    };
    expect(stats.devices.map((d) => d.cycleCount)).toEqual([CYCLES, 6]);
    // Capacity falls 0.1 % of the first cycle's per cycle: 10 % per 100 cycles.
    stats.devices.forEach((d) => expect(d.fadePercentPer100Cycles).toBeCloseTo(10, 6));
    expect(stats.spread.initialDischargeCapacity).toMatchObject({ n: 2, std: 0 });
    expect(stats.dischargeCapacityByCycle.n.slice(0, 7)).toEqual([2, 2, 2, 2, 2, 2, 1]);
  });

  it('exports CSV and BDF CSV with BDF headers, streamed', async () => {
    const res = await get(`/api/v1/data-files/${file.id}/export?format=csv`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('cell 1 – run.csv')}`);
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(file.rows + 1);
    expect(lines[0].split(',')).toContain('Surface Temperature / degC');
    expect(lines[1].split(',').slice(0, 2)).toEqual(['1.0', '0.0']);
    const bdf = (await (await get(`/api/v1/data-files/${file.id}/export?format=bdf-csv`)).text()).split('\n', 1)[0];
    expect(bdf.split(',').slice(0, 3)).toEqual(['Record Index / 1', 'Test Time / s', 'Unix Time / s']);
  });

  it('exports the stored Parquet file (byte ranges too) that DuckDB reads back', async () => {
    const res = await get(`/api/v1/data-files/${file.id}/export?format=parquet`);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    const path = join(dir, 'download.parquet');
    writeFileSync(path, bytes);
    const count = await withDuckDb(async (c) => (await c.runAndReadAll(`SELECT count(*)::INT, max("Cycle Count / 1") FROM read_parquet(${sqlString(path)})`)).getRowsJS()[0]);
    expect(count).toEqual([file.rows, CYCLES]);
    const tail = await t.app.request(`/api/v1/data-files/${file.id}/export?format=parquet`, { headers: { ...owner.headers, range: 'bytes=-8' } });
    expect(tail.status).toBe(206);
    expect(new TextDecoder().decode(new Uint8Array(await tail.arrayBuffer()).slice(4))).toBe('PAR1');
  });

  it('downloads the raw file with its original name and bytes', async () => {
    const res = await get(`/api/v1/data-files/${file.id}/raw`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(rawText);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="cell 1 _ run.csv"; filename*=UTF-8''${encodeURIComponent('cell 1 – run.csv')}`);
  });

  it('documents the data routes in the OpenAPI document', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const path of ['/api/v1/data-files/{id}/series', '/api/v1/data-files/{id}/dqdv', '/api/v1/compare/cycles', '/api/v1/batches/{id}/statistics', '/api/v1/data-files/{id}/raw']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('hides every data endpoint of a private data file from other users and anonymous visitors (404)', async () => {
    const paths = [
      `/api/v1/data-files/${file.id}/series`,
      `/api/v1/data-files/${file.id}/series?format=arrow`,
      `/api/v1/data-files/${file.id}/cycles`,
      `/api/v1/data-files/${file.id}/steps`,
      `/api/v1/data-files/${file.id}/cycles?format=csv`,
      `/api/v1/data-files/${file.id}/steps?format=csv`,
      `/api/v1/data-files/${file.id}/dqdv?cycles=1`,
      `/api/v1/data-files/${file.id}/voltage-capacity?cycles=1`,
      `/api/v1/data-files/${file.id}/export?format=csv`,
      `/api/v1/data-files/${file.id}/export?format=parquet`,
      `/api/v1/data-files/${file.id}/export?format=bdf-csv`,
      `/api/v1/data-files/${file.id}/raw`,
      `/api/v1/compare/cycles?dataFiles=${bare.id},${file.id}`,
    ];
    for (const path of paths) {
      for (const user of [other, null]) {
        const res = await get(path, user);
        expect([path, res.status]).toEqual([path, 404]);
      }
    }
    const stats = (await (await get(`/api/v1/batches/${batchId}/statistics`, other)).json()) as { dataFiles: number };
    expect(stats.dataFiles).toBe(0);
  });
});

describe('data API with anonymous read', () => {
  it('lets anonymous visitors download public Parquet with no redirect, and nothing private', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'data-api-anon-'));
    const t = await createTestApp({ config: { dataDir: dir, anonymousRead: true } });
    try {
      const owner = await t.createUser('contributor');
      const store = openBlobStore(t.deps.config);
      const pub = await seedDataFile(t.handle.db, store, { ownerId: owner.id, status: 'public', dir, cycles: 1 });
      const priv = await seedDataFile(t.handle.db, store, { ownerId: owner.id, status: 'private', dir, cycles: 1 });
      const res = await t.app.request(`/api/v1/data-files/${pub.id}/export?format=parquet`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.apache.parquet');
      expect((await t.app.request(`/api/v1/data-files/${priv.id}/export?format=parquet`)).status).toBe(404);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
