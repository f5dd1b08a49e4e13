import { sql, type Expression } from 'kysely';
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

/**
 * The visible device ids of the data file `alias`, as a JSON array in the row's own statement (a list page
 * stays one round trip). Devices the viewer may not see are left out.
 */
export function visibleDeviceIdsJson(viewer: Viewer, alias: string): Expression<unknown> {
  return sql`(select coalesce(json_agg(dfd.device_id order by dfd.device_id), '[]'::json) from data_file_devices dfd
    join devices dv on dv.id = dfd.device_id where dfd.data_file_id = ${sql.ref(`${alias}.id`)} and ${visibleTo(viewer, 'devices as dv')})`;
}
