import { sql } from 'kysely';
import type { Viewer } from '../access/viewer.js';
import { visibleTo } from '../access/visibility.js';
import type { Db } from '../db/database.js';
import { NotFoundError } from '../domain/errors.js';
import { assertCanAddFiles } from '../ingest/upload.service.js';
import { assertAllVisible } from '../metadata/child-rows.js';

export type UnassignedState = 'waiting' | 'assigned' | 'all';

function selectVisible(db: Db, viewer: Viewer) {
  return db
    .selectFrom('unassigned_files as u')
    .innerJoin('monitored_paths as mp', 'mp.id', 'u.monitored_path_id')
    .where(visibleTo(viewer, 'monitored_paths as mp'))
    .select([
      'u.id',
      'u.monitored_path_id',
      'mp.name as monitored_path_name',
      'mp.harvester_name',
      'u.name',
      sql<number>`u.size_bytes::float8`.as('size_bytes'),
      'u.reason',
      'u.first_seen_at',
      'u.last_seen_at',
      'u.experiment_id',
      'u.device_ids',
      'u.assigned_at',
    ]);
}

/** Files of monitored paths the viewer can see that no rule placed: waiting (default), assigned, or all. */
export async function listUnassignedFiles(db: Db, viewer: Viewer, filter: { monitoredPathId?: number; state: UnassignedState }) {
  let query = selectVisible(db, viewer).orderBy('u.first_seen_at').orderBy('u.id').limit(1000);
  if (filter.monitoredPathId !== undefined) query = query.where('u.monitored_path_id', '=', filter.monitoredPathId);
  if (filter.state === 'waiting') query = query.where('u.experiment_id', 'is', null);
  if (filter.state === 'assigned') query = query.where('u.experiment_id', 'is not', null);
  return query.execute();
}

/**
 * A person's choice for a waiting file: its experiment (which they may add files to) and devices.
 * The harvester uploads it there at its next scan.
 */
export async function assignUnassignedFile(db: Db, viewer: Viewer, id: number, choice: { experiment_id: number; device_ids: number[] }) {
  const row = await selectVisible(db, viewer).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('Unassigned file', id);
  await assertCanAddFiles(db, viewer, choice.experiment_id);
  await assertAllVisible(db, viewer, 'devices', choice.device_ids, 'device_ids');
  await db
    .updateTable('unassigned_files')
    .set({ experiment_id: choice.experiment_id, device_ids: JSON.stringify([...new Set(choice.device_ids)]), assigned_by: viewer.userId, assigned_at: new Date() })
    .where('id', '=', id)
    .execute();
  return (await selectVisible(db, viewer).where('u.id', '=', id).executeTakeFirstOrThrow());
}
