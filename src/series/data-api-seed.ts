import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { RecordStatus } from '../db/record-columns.js';
import { putContent, type BlobStore } from '../storage/blob-store.js';
import { writeSyntheticSeries } from './series-fixture.js';

/** Seeds a specification → batch → device chain; parameter values by symbol in the parameter's own unit. */
export async function seedDevice(db: Db, ownerId: number, params: Record<string, number>, batchId?: number): Promise<{ batchId: number; deviceId: number; specificationId: number }> {
  let specificationId: number;
  if (batchId === undefined) {
    const type = await db.selectFrom('device_types').select('id').where('name', '=', 'Single cell').executeTakeFirstOrThrow();
    const spec = await db.insertInto('device_specifications').values({ name: `spec ${Math.random()}`, device_type_id: type.id, owner_id: ownerId, status: 'public', metadata: {} }).returning('id').executeTakeFirstOrThrow();
    specificationId = spec.id;
    for (const [symbol, value] of Object.entries(params)) {
      await sql`insert into specification_parameter_values (specification_id, parameter_id, value_number, unit_id)
        select ${specificationId}, p.id, ${value}, p.unit_id from parameters p where p.symbol = ${symbol} and p.kind = 'device'`.execute(db);
    }
    const batch = await db.insertInto('batches').values({ name: `batch ${Math.random()}`, specification_id: specificationId, owner_id: ownerId, status: 'public' }).returning('id').executeTakeFirstOrThrow();
    batchId = batch.id;
  } else {
    specificationId = (await db.selectFrom('batches').select('specification_id').where('id', '=', batchId).executeTakeFirstOrThrow()).specification_id;
  }
  const sequence = Number((await db.selectFrom('devices').select(db.fn.countAll().as('n')).where('batch_id', '=', batchId).executeTakeFirstOrThrow()).n) + 1;
  const device = await db.insertInto('devices').values({ name: `cell ${sequence}`, serial: `cell ${sequence}`, batch_id: batchId, sequence, owner_id: ownerId, status: 'public' }).returning('id').executeTakeFirstOrThrow();
  return { batchId, deviceId: device.id, specificationId };
}

/**
 * Seeds a `ready` data file: raw bytes and a synthetic Parquet series in the blob store, the row
 * linked to `deviceId`. Synthetic cycle c discharges (1 − 0.001 (c − 1)) · 3 · 3599/3600 Ah.
 */
export async function seedDataFile(
  db: Db,
  store: BlobStore,
  opts: { ownerId: number; status: RecordStatus; deviceId?: number; dir: string; cycles: number; originalName?: string; rawText?: string },
): Promise<{ id: number; seriesKey: string; rows: number }> {
  const rows = opts.cycles * 7200;
  const path = join(opts.dir, `series-${Date.now()}-${Math.random()}.parquet`);
  await writeSyntheticSeries(path, { rows, rowsPerCycle: 7200 });
  const raw = await putContent(store, Readable.from([Buffer.from(opts.rawText ?? 'Data_Point,Test_Time(s)\n1,0\n')]));
  const experiment = await db.insertInto('experiments').values({ name: `exp ${Math.random()}`, owner_id: opts.ownerId, status: opts.status }).returning('id').executeTakeFirstOrThrow();
  const seriesKey = `series/test/${experiment.id}-${Math.random().toString(36).slice(2)}.parquet`;
  await store.putFile(seriesKey, path);
  const file = await db
    .insertInto('data_files')
    .values({
      name: opts.originalName ?? 'test.csv',
      experiment_id: experiment.id,
      original_name: opts.originalName ?? 'test.csv',
      sha256: raw.sha256,
      size_bytes: raw.sizeBytes,
      blob_key: raw.key,
      state: 'ready',
      series_key: seriesKey,
      row_count: rows,
      owner_id: opts.ownerId,
      status: opts.status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (opts.deviceId !== undefined) await db.insertInto('data_file_devices').values({ data_file_id: file.id, device_id: opts.deviceId }).execute();
  return { id: file.id, seriesKey, rows };
}
