import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type Row } from '../../tests/setup/api-json.js';
import { settledDataFile } from '../../tests/setup/settled-data-file.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { startWorkers, type RunningWorkers } from '../ingest/worker.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { sqlString, withDuckDb } from './duckdb.js';

/**
 * A real Arbin export (2 cycles, 2,142 rows) cut in two at a test time, as a cycler that resumed
 * into a new file writes it: the two halves, joined, read as the whole file does.
 */
const FIXTURE = '../shared/fixtures/arbin/arbin_example.csv';
const lines = readFileSync(FIXTURE, 'latin1').split(/\r?\n/).filter((l) => l.length > 0);
const [header, ...records] = lines;
const field = (line: string, i: number) => Number(line.split(',')[i]);
const TEST_TIME = 1;
/** The file's rows before and from test time `cutS` (the second half's clock as given by `clock`). */
function halves(cutS: number, clock: (t: number, first: number) => number = (t) => t): [string, string] {
  const a = records.filter((l) => field(l, TEST_TIME) < cutS);
  const b = records.filter((l) => field(l, TEST_TIME) >= cutS);
  const first = field(b[0], TEST_TIME);
  const rebased = b.map((l) => l.split(',').map((v, i) => (i === TEST_TIME ? String(clock(Number(v), first)) : v)).join(','));
  return [[header, ...a].join('\r\n') + '\r\n', [header, ...rebased].join('\r\n') + '\r\n'];
}
const secondCycleStartS = field(records.find((l) => field(l, 5) === 2)!, TEST_TIME);
const midFirstCycleS = field(records[400], TEST_TIME);

describe('a test resumed into a new file, joined to the earlier one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'joined-series-'));
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let workers: RunningWorkers;
  let whole: number;

  beforeAll(async () => {
    t = await createTestApp({ config: { dataDir: join(dir, 'data') } });
    owner = await t.createUser('contributor');
    other = await t.createUser('contributor');
    workers = startWorkers({ db: t.deps.db, blobStore: openBlobStore(t.deps.config) }, { count: 1, pollMs: 50, leaseMs: 30_000 });
    whole = (await upload(await experiment('public'), [header, ...records].join('\r\n') + '\r\n', 'whole.csv')).id;
  }, 120_000);
  afterAll(async () => {
    await workers.stop();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async <T = Row>(path: string, user: TestUser | null = owner, status = 200) => expectJson<T>(await t.call('GET', path, user), status);
  const experiment = async (status: 'public' | 'private') => (await expectJson(await t.call('POST', '/api/v1/experiments', owner, { name: `e ${Math.random()}`, status }), 201)).id;

  async function upload(experimentId: number, text: string, name: string): Promise<Row> {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(text, 'latin1')]), name);
    const res = await t.app.request(`/api/v1/experiments/${experimentId}/files`, { method: 'POST', headers: { authorization: owner.headers.authorization }, body: form });
    const { dataFileId } = await expectJson<{ dataFileId: number }>(res, 201);
    const row = await settledDataFile(t, owner, dataFileId, createHash('sha256').update(Buffer.from(text, 'latin1')).digest('hex'));
    expect(row.state, JSON.stringify(row.error)).toBe('ready');
    return row;
  }

  /** Two halves in one (public) experiment, the second continuing the first. */
  async function chain(cutS: number, clock?: (t: number, first: number) => number): Promise<[number, number]> {
    const exp = await experiment('public');
    const [a, b] = halves(cutS, clock);
    const first = (await upload(exp, a, 'part-1.csv')).id;
    const second = (await upload(exp, b, 'part-2.csv')).id;
    await expectJson(await t.call('PATCH', `/api/v1/data-files/${second}`, owner, { continues_id: first }));
    return [first, second];
  }

  const allColumns = async (id: number) => ((await get(`/api/v1/data-files/${id}`)).columns as { name: string }[]).map((c) => c.name);
  const series = async (id: number, joined: boolean, columns: string[]) =>
    get<{ columns: Record<string, (number | null)[]>; rows: number }>(`/api/v1/data-files/${id}/series?maxPoints=1000000&joined=${joined}&columns=${encodeURIComponent(columns.join(','))}`);
  const cycles = async (id: number, joined: boolean) => get<{ cycles: Row[]; dataFileIds: number[] }>(`/api/v1/data-files/${id}/cycles?joined=${joined}`);
  const text = async (path: string) => {
    const res = await t.call('GET', path, owner);
    expect(res.status).toBe(200);
    return res.text();
  };
  /**
   * Every column equal, value for value, but the net capacity: counted from each file's first row,
   * the increment across the cut is not in the new file (≤ 1 mAh here).
   */
  function expectSameRows(got: { columns: Record<string, (number | null)[]> }, expected: { columns: Record<string, (number | null)[]> }): void {
    expect(Object.keys(got.columns)).toEqual(Object.keys(expected.columns));
    const { 'Net Capacity / Ah': net, ...rest } = got.columns;
    const { 'Net Capacity / Ah': expectedNet, ...expectedRest } = expected.columns;
    expect(rest).toEqual(expectedRest);
    expect(Math.max(...net.map((q, i) => Math.abs(q! - expectedNet[i]!)))).toBeLessThan(1e-3);
  }
  const csvColumns = (csv: string) => {
    const [head, ...rows] = csv.trim().split('\n').map((l) => l.split(','));
    return { columns: Object.fromEntries(head.map((name, i) => [name, rows.map((r) => (r[i] === '' ? null : Number(r[i])))])) };
  };
  const withoutFlags = (rows: Row[]) => rows.map(({ qualityFlags: _f, ...c }) => c);

  describe('cut where the second cycle starts, the clock running on', () => {
    let ids: [number, number];
    beforeAll(async () => {
      ids = await chain(secondCycleStartS);
    }, 120_000);

    it('serves the same series as the whole file, from either file of the chain', async () => {
      const columns = await allColumns(whole);
      const expected = await series(whole, false, columns);
      for (const id of ids) expectSameRows(await series(id, true, columns), expected);
      expect((await series(ids[0], false, columns)).rows).toBeLessThan(expected.rows);
    });

    it('serves the whole file’s cycles, steps and plots', async () => {
      const joined = await cycles(ids[1], true);
      expect(joined.dataFileIds).toEqual(ids);
      expect(withoutFlags(joined.cycles)).toEqual(withoutFlags((await cycles(whole, false)).cycles));
      const steps = async (id: number, joined: boolean) => (await get<{ steps: Row[] }>(`/api/v1/data-files/${id}/steps?joined=${joined}`)).steps;
      expect(await steps(ids[0], true)).toEqual(await steps(whole, false));
      const vq = async (id: number, joined: boolean) => (await get<{ curves: unknown }>(`/api/v1/data-files/${id}/voltage-capacity?cycles=1,2&joined=${joined}`)).curves;
      expect(await vq(ids[0], true)).toEqual(await vq(whole, false));
    });

    it('exports the chain as the whole file: CSV, BDF CSV and Parquet', async () => {
      for (const format of ['csv', 'bdf-csv']) {
        const joined = csvColumns(await text(`/api/v1/data-files/${ids[0]}/export?format=${format}&joined=true`));
        expectSameRows(joined, csvColumns(await text(`/api/v1/data-files/${whole}/export?format=${format}`)));
      }
      const parquet = await t.call('GET', `/api/v1/data-files/${ids[1]}/export?format=parquet&joined=true`, owner);
      expect(parquet.headers.get('content-type')).toBe('application/vnd.apache.parquet');
      const path = join(dir, 'joined.parquet');
      writeFileSync(path, Buffer.from(await parquet.arrayBuffer()));
      const read = await withDuckDb(async (conn) => (await conn.runAndReadAll(`select "Test Time / s", "Cycle Count / 1", "Voltage / V" from read_parquet(${sqlString(path)})`)).getRows());
      const expected = await series(whole, false, ['Cycle Count / 1', 'Voltage / V']);
      expect(read.map((r) => r.map(Number))).toEqual(expected.columns['Test Time / s'].map((t, i) => [t, expected.columns['Cycle Count / 1'][i], expected.columns['Voltage / V'][i]]));
    });

    it('serves Arrow too, and a window of the joined time', async () => {
      const res = await t.call('GET', `/api/v1/data-files/${ids[1]}/series?joined=true&format=arrow&from=${secondCycleStartS - 100}&to=${secondCycleStartS + 100}&maxPoints=100000`, owner);
      const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
      const expected = await get<{ rows: number }>(`/api/v1/data-files/${whole}/series?from=${secondCycleStartS - 100}&to=${secondCycleStartS + 100}&maxPoints=100000`);
      expect(table.numRows).toBe(expected.rows);
    });

    it('joins only the files the reader may see', async () => {
      await expectJson(await t.call('PATCH', `/api/v1/data-files/${ids[1]}`, owner, { status: 'private' }));
      expect((await cycles(ids[0], true)).dataFileIds).toEqual(ids);
      const seen = await get<{ dataFileIds: number[]; cycles: Row[] }>(`/api/v1/data-files/${ids[0]}/cycles?joined=true`, other);
      expect(seen.dataFileIds).toEqual([ids[0]]);
      expect(seen.cycles).toHaveLength(1);
      await get(`/api/v1/data-files/${ids[1]}/series?joined=true`, other, 404);
      await expectJson(await t.call('PATCH', `/api/v1/data-files/${ids[1]}`, owner, { status: 'public' }));
      expect((await get<{ dataFileIds: number[] }>(`/api/v1/data-files/${ids[0]}/cycles?joined=true`, other)).dataFileIds).toEqual(ids);
    });

    it('refuses a link to itself, to another experiment, a loop, or a second successor', async () => {
      const patch = (id: number, continues_id: number | null) => t.call('PATCH', `/api/v1/data-files/${id}`, owner, { continues_id });
      const refused = async (res: Response, status: number, text: RegExp) => expect(JSON.stringify(await expectJson(res, status))).toMatch(text);
      await refused(await patch(ids[0], ids[0]), 400, /cannot continue itself/);
      await refused(await patch(ids[0], whole), 400, /another experiment/);
      await refused(await patch(ids[0], ids[1]), 400, /a loop/);
      const exp = (await get(`/api/v1/data-files/${ids[0]}`)).experiment_id as number;
      const third = (await upload(exp, halves(midFirstCycleS)[1], 'part-3.csv')).id;
      await refused(await patch(third, ids[0]), 409, /already continues that one/);
    });
  });

  describe('the clock restarted in the new file', () => {
    it('continues test time by the wall-clock pause (Unix time), cycles by number', async () => {
      const ids = await chain(secondCycleStartS, (t, first) => t - first);
      const names = ['Test Time / s', 'Cycle Count / 1', 'Voltage / V'];
      const [joined, expected] = [await series(ids[1], true, names), await series(whole, false, names)];
      expect(joined.rows).toBe(expected.rows);
      expect(joined.columns['Cycle Count / 1']).toEqual(expected.columns['Cycle Count / 1']);
      expect(joined.columns['Voltage / V']).toEqual(expected.columns['Voltage / V']);
      // The file's Unix time has whole seconds only: the pause is known to within one.
      const drift = joined.columns['Test Time / s'].map((s, i) => Math.abs(s! - expected.columns['Test Time / s'][i]!));
      expect(Math.max(...drift)).toBeLessThan(1);
      const candidates = await get<{ items: { id: number; matchesRule: boolean; gapS: number }[] }>(`/api/v1/data-files/${ids[1]}/continuation-candidates`);
      expect(candidates.items[0]).toMatchObject({ id: ids[0], matchesRule: true });
      expect(candidates.items[0].gapS).toBeGreaterThanOrEqual(0);
    });
  });

  describe('cut inside a cycle', () => {
    it('continues the open cycle: one cycle, not two, its charge going on', async () => {
      const ids = await chain(midFirstCycleS);
      const [joined, expected] = [(await cycles(ids[0], true)).cycles, (await cycles(whole, false)).cycles];
      expect(joined.map((c) => [c.cycle, c.rowCount, c.startTestTimeS, c.endTestTimeS])).toEqual(expected.map((c) => [c.cycle, c.rowCount, c.startTestTimeS, c.endTestTimeS]));
      const names = ['Cycle Count / 1', 'Charging Capacity / Ah'];
      const [s, w] = [await series(ids[1], true, names), await series(whole, false, names)];
      expect(s.columns['Cycle Count / 1']).toEqual(w.columns['Cycle Count / 1']);
      // Arbin's counters run on over the cut, so the new file's charge already goes on.
      expect(s.columns['Charging Capacity / Ah']).toEqual(w.columns['Charging Capacity / Ah']);
      expect(joined[0].chargeCapacityAh).toBe(expected[0].chargeCapacityAh);
    });
  });
});
