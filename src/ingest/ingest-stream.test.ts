import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/setup/test-database.js';
import { syntheticExport } from '../../tests/setup/synthetic-export.js';
import type { DatabaseHandle } from '../db/database.js';
import { readParquetColumns } from '../series/parquet-columns.js';
import { putContent } from '../storage/blob-store.js';
import { createLocalBlobStore } from '../storage/local-blob-store.js';
import { duckdbConnection, withLocalSeriesFile } from '../storage/series-store.js';
import { runIngestJob } from './ingest-pipeline.js';
import { claimJob, enqueueIngestJob } from './job-queue.js';

// The same Arbin CSV ingested whole and streamed (STREAM_INGEST_MIN_BYTES) must store the same data.
describe('streamed ingest of a big text file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liionsden-stream-ingest-'));
  const store = createLocalBlobStore(join(dir, 'files'));
  let handle: DatabaseHandle;
  let ownerId: number;

  beforeAll(async () => {
    handle = await createTestDatabase();
    ownerId = (await handle.db.insertInto('users').values({ username: 's', email: 's@example.org', password_hash: 'x', role: 'contributor', is_active: true }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ingest(bytes: Uint8Array, name: string, streamMinBytes: number) {
    const blob = await putContent(store, Readable.from([Buffer.from(bytes)]));
    // One experiment per ingest: the same bytes twice in one experiment are refused.
    const experimentId = (await handle.db.insertInto('experiments').values({ name, owner_id: ownerId }).returning('id').executeTakeFirstOrThrow()).id;
    const file = await handle.db
      .insertInto('data_files')
      .values({ name, experiment_id: experimentId, original_name: name, sha256: blob.sha256, size_bytes: blob.sizeBytes, blob_key: blob.key, owner_id: ownerId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueIngestJob(handle.db, file.id);
    const job = await claimJob(handle.db, 'test', 120_000);
    const outcome = await runIngestJob({ db: handle.db, blobStore: store, streamMinBytes }, job!);
    const row = await handle.db.selectFrom('data_files').selectAll().where('id', '=', file.id).executeTakeFirstOrThrow();
    const cycles = await handle.db.selectFrom('cycle_summaries').selectAll().where('data_file_id', '=', file.id).orderBy('cycle').execute();
    const steps = await handle.db.selectFrom('steps').selectAll().where('data_file_id', '=', file.id).orderBy('step_count').execute();
    const names = ((row.columns ?? []) as { name: string }[]).map((c) => c.name);
    const values = row.series_key
      ? await withLocalSeriesFile(store, row.series_key, async (path) => readParquetColumns(await duckdbConnection(), path, names, row.row_count!))
      : [];
    const strip = <T extends { data_file_id: number }>(r: T) => ({ ...r, data_file_id: 0 });
    return { outcome, row, cycles: cycles.map(strip), steps: steps.map(strip), names, values };
  }

  // Arbin (counters per cycle), Maccor (current signed by the state letters, counters per step split by
  // direction), BioLogic (flags turned into step types, signed net capacity).
  const cases: [string, string, number][] = [['arbin-csv', 'cell.csv', 150_000], ['maccor-txt', 'cell.txt', 60_000], ['biologic-mpt', 'cell.mpt', 60_000]];
  it.each(cases)('stores the same series, cycles, steps, flags and metadata as the whole-file path: %s', async (format, fileName, rows) => {
    const { bytes } = syntheticExport(format, fileName, rows);
    const whole = await ingest(bytes, `whole-${fileName}`, Number.POSITIVE_INFINITY);
    const streamed = await ingest(bytes, `streamed-${fileName}`, 0);
    expect(streamed.row.format).toBe(format);
    expect(whole.outcome).toBe('ready');
    expect(streamed.outcome).toBe('ready');
    for (const key of ['row_count', 'format', 'parser_version', 'columns', 'quality_flags'] as const) expect(streamed.row[key], key).toEqual(whole.row[key]);
    expect(streamed.row.metadata).toEqual({ ...(whole.row.metadata as object), readInBatches: true });
    expect(streamed.cycles).toEqual(whole.cycles);
    expect(streamed.steps).toEqual(whole.steps);
    expect(streamed.names).toEqual(whole.names);
    // Bit for bit (NaN included), compared as bytes: fast on 150,000 rows × 20 columns.
    const bytesOf = (v: Float64Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    streamed.values.forEach((v, k) => expect(bytesOf(v).equals(bytesOf(whole.values[k])), streamed.names[k]).toBe(true));
  });

  it('records a parse error with its line and keeps no series', async () => {
    const { bytes } = syntheticExport('arbin-csv', 'cell.csv', 30_000);
    const lines = new TextDecoder().decode(bytes).split('\n');
    lines[25_000] = lines[25_000].replace(/,([\d.]+),/, ',x!,');
    const streamed = await ingest(new TextEncoder().encode(lines.join('\n')), 'broken.csv', 0);
    expect(streamed.outcome).toBe('failed');
    expect(streamed.row.series_key).toBeNull();
    expect(streamed.row.error).toMatchObject({ code: 'PARSE_ERROR', format: 'arbin-csv', line: 25_001 });
    expect(await store.list('series/')).not.toContain(expect.stringContaining(`series/${streamed.row.id}/`));
  });
});
