import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type Row } from '../../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../../tests/setup/test-app.js';
import { settledDataFile } from '../../../tests/setup/settled-data-file.js';
import { openBlobStore } from '../../storage/open-blob-store.js';
import { duckdbConnection, quoteString, withLocalSeriesFile } from '../../storage/series-store.js';
import { startWorkers, type RunningWorkers } from '../worker.js';

/**
 * A growing cycler file appended three times: the first append parses the whole file (and keeps a
 * checkpoint), the next ones only the appended rows. After each, the stored series, cycle and step
 * summaries, flags and warnings equal those of the same bytes uploaded whole, value for value.
 */
describe.each([
  ['arbin-csv', 'cell.csv', 24_000, undefined],
  ['maccor-txt', 'cell.txt', 16_000, undefined],
  ['biologic-mpt', 'cell.mpt', 16_000, undefined],
  // Several row groups (the stored ones before the open cycle copied byte for byte), read in batches (streamed ingest).
  ['arbin-csv', 'big.csv', 300_000, 1],
] as const)('appended rows only: %s %s (%i rows)', (format, fileName, rows, streamMinBytes) => {
  const dir = mkdtempSync(join(tmpdir(), 'append-series-'));
  let t: TestApp;
  let user: TestUser;
  let workers: RunningWorkers;
  let full: Buffer;
  let growing: number;

  beforeAll(async () => {
    t = await createTestApp({ config: { dataDir: join(dir, 'data') } });
    user = await t.createUser('contributor');
    workers = startWorkers({ db: t.deps.db, blobStore: openBlobStore(t.deps.config), streamMinBytes }, { count: 1, pollMs: 50, leaseMs: 30_000 });
    execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', format, '--rows', String(rows), '--out', join(dir, fileName)], { stdio: 'ignore' });
    full = readFileSync(join(dir, fileName));
    growing = (await upload(full.subarray(0, lineEnd(0.35)))).dataFileId;
    await settled(growing, sha(full.subarray(0, lineEnd(0.35))));
  });
  afterAll(async () => {
    await workers.stop();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const lineEnd = (fraction: number) => full.subarray(0, Math.floor(full.length * fraction)).lastIndexOf(0x0a) + 1;

  async function upload(bytes: Uint8Array): Promise<{ dataFileId: number }> {
    const exp = (await expectJson(await t.call('POST', '/api/v1/experiments', user, { name: `e ${Math.random()}` }), 201)).id;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
    return expectJson(await t.app.request(`/api/v1/experiments/${exp}/files`, { method: 'POST', headers: { authorization: user.headers.authorization }, body: form }), 201);
  }

  const settled = (id: number, sha256: string): Promise<Row> => settledDataFile(t, user, id, sha256);

  async function append(from: number, to: number): Promise<Row> {
    const tail = sha(full.subarray(Math.max(0, from - 65536), from));
    const res = await t.app.request(`/api/v1/data-files/${growing}/append?offset=${from}&tailSha256=${tail}`, {
      method: 'POST', headers: { authorization: user.headers.authorization, 'content-type': 'application/octet-stream' }, body: new Uint8Array(full.subarray(from, to)),
    });
    await expectJson(res, 202);
    return settled(growing, sha(full.subarray(0, to)));
  }

  /** Everything the ingest stored for a data file, comparable between two files. */
  async function stored(id: number) {
    const db = t.deps.db;
    const file = await db.selectFrom('data_files').select(['row_count', 'quality_flags', 'metadata', 'columns', 'series_key', 'state']).where('id', '=', id).executeTakeFirstOrThrow();
    const cycles = await db.selectFrom('cycle_summaries').selectAll().where('data_file_id', '=', id).orderBy('cycle').execute();
    const steps = await db.selectFrom('steps').selectAll().where('data_file_id', '=', id).orderBy('step_count').execute();
    const packed = await db.selectFrom('cycle_columns').selectAll().where('data_file_id', '=', id).executeTakeFirst();
    const con = await duckdbConnection();
    const series = await withLocalSeriesFile(openBlobStore(t.deps.config), file.series_key!, async (path) =>
      (await con.runAndReadAll(`select * from read_parquet(${quoteString(path)})`)).getRows().map((r) => r.map((v) => (v === null ? 'null' : String(v))).join(',')),
    );
    const { warnings } = (typeof file.metadata === 'string' ? JSON.parse(file.metadata) : file.metadata) as { warnings: unknown };
    return {
      state: file.state, rows: file.row_count, flags: file.quality_flags, warnings, columns: file.columns,
      cycles: cycles.map(({ data_file_id: _id, ...c }) => c), steps: steps.map(({ data_file_id: _id, ...s }) => s),
      packed: packed && Object.fromEntries(Object.entries(packed).filter(([k]) => k !== 'data_file_id').map(([k, v]) => [k, Buffer.from(v as Uint8Array).toString('hex')])),
      series,
    };
  }

  async function expectSameAsWhole(to: number): Promise<void> {
    const whole = (await upload(full.subarray(0, to))).dataFileId;
    await settled(whole, sha(full.subarray(0, to)));
    const [a, b] = [await stored(growing), await stored(whole)];
    expect(a.state).toBe('ready');
    expect(a.rows).toBe(b.rows);
    expect(a.columns).toEqual(b.columns);
    expect(a.warnings).toEqual(b.warnings);
    expect(a.flags).toEqual(b.flags);
    expect(a.cycles).toEqual(b.cycles);
    expect(a.steps).toEqual(b.steps);
    expect(a.packed).toEqual(b.packed);
    const differing = a.series.findIndex((row, i) => row !== b.series[i]);
    expect({ rows: a.series.length, firstDifferentRow: differing }).toEqual({ rows: b.series.length, firstDifferentRow: -1 });
  }

  const how = async () => {
    const m = (await t.deps.db.selectFrom('data_files').select('metadata').where('id', '=', growing).executeTakeFirstOrThrow()).metadata;
    const meta = (typeof m === 'string' ? JSON.parse(m) : m) as Record<string, unknown>;
    return { appendedRowsOnly: meta.appendedRowsOnly ?? false, parsedWhole: meta.parsedWholeAfterAppend ?? null };
  };

  it('first append: the whole file is parsed, and a checkpoint kept', async () => {
    await append(lineEnd(0.35), lineEnd(0.6));
    expect(await how()).toEqual({ appendedRowsOnly: false, parsedWhole: 'no resume point yet (the first append of this file)' });
    await expectSameAsWhole(lineEnd(0.6));
  });

  it('next appends: only the new rows are parsed, with the same result as the whole file', async () => {
    await append(lineEnd(0.6), lineEnd(0.61));
    expect(await how()).toEqual({ appendedRowsOnly: true, parsedWhole: null });
    await expectSameAsWhole(lineEnd(0.61));
    await append(lineEnd(0.61), full.length);
    expect(await how()).toEqual({ appendedRowsOnly: true, parsedWhole: null });
    await expectSameAsWhole(full.length);
  });

  it('a reprocess parses the whole file again, whatever the last job was', async () => {
    const before = await expectJson<{ jobId: number }>(await t.call('POST', `/api/v1/data-files/${growing}/reprocess`, user), 202);
    for (let i = 0; i < 600; i++) {
      const job = await t.deps.db.selectFrom('jobs').select('state').where('id', '=', before.jobId).executeTakeFirstOrThrow();
      if (job.state === 'done') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await how()).toEqual({ appendedRowsOnly: false, parsedWhole: null });
    await expectSameAsWhole(full.length);
  });
});
