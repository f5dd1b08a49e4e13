import { visibleTo } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';

/** Replaces the devices a data file covers. */
export async function replaceDataFileDevices(db: Db, dataFileId: number, deviceIds: readonly number[]): Promise<void> {
  await db.deleteFrom('data_file_devices').where('data_file_id', '=', dataFileId).execute();
  const unique = [...new Set(deviceIds)];
  if (unique.length > 0) await db.insertInto('data_file_devices').values(unique.map((device_id) => ({ data_file_id: dataFileId, device_id }))).execute();
}

export async function readDataFileDeviceIds(db: Db, dataFileId: number): Promise<number[]> {
  const rows = await db.selectFrom('data_file_devices').select('device_id').where('data_file_id', '=', dataFileId).orderBy('device_id').execute();
  return rows.map((r) => r.device_id);
}

/** The visible device ids of each data file. */
export async function readVisibleDataFileDevices(db: Db, viewer: Viewer, dataFileIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(dataFileIds.map((id) => [id, []]));
  if (dataFileIds.length === 0) return out;
  const rows = await db
    .selectFrom('data_file_devices as dfd')
    .innerJoin('devices as t', 't.id', 'dfd.device_id')
    .select(['dfd.data_file_id', 'dfd.device_id'])
    .where('dfd.data_file_id', 'in', dataFileIds)
    .where(visibleTo(viewer, 't'))
    .orderBy('dfd.device_id')
    .execute();
  for (const r of rows) out.get(r.data_file_id)!.push(r.device_id);
  return out;
}
