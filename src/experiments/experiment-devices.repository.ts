import { sql, type Expression } from 'kysely';
import { visibleTo } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { deviceSerial } from '../devices/device-serial.js';
import { ValidationError } from '../domain/errors.js';
import { diffRows, recordHistory } from '../history/history.repository.js';

/** A device under test, named by id or by batch + sequence (created when the batch has no such device yet). */
export interface ExperimentDeviceInput {
  device_id?: number;
  batch_id?: number;
  sequence?: number;
  position?: string | null;
}

export interface ExperimentDeviceLink {
  device_id: number;
  position: string | null;
}

/** Resolves each entry to a visible device id, creating missing devices of visible batches (owned by the viewer). */
export async function resolveExperimentDevices(db: Db, viewer: Viewer, entries: readonly ExperimentDeviceInput[]): Promise<ExperimentDeviceLink[]> {
  const links: ExperimentDeviceLink[] = [];
  for (const [i, e] of entries.entries()) {
    const field = `devices.${i}`;
    const fail = (message: string): never => {
      throw new ValidationError(`${field}: ${message}`, [{ field, message }]);
    };
    let deviceId: number;
    if (e.device_id !== undefined) {
      const seen = await db.selectFrom('devices as t').select('t.id').where('t.id', '=', e.device_id).where(visibleTo(viewer, 'devices as t')).executeTakeFirst();
      deviceId = seen?.id ?? fail(`no visible device with id ${e.device_id}`);
    } else {
      if (e.batch_id === undefined || e.sequence === undefined) fail('give device_id, or batch_id and sequence');
      deviceId = await findOrCreateDevice(db, viewer, e.batch_id!, e.sequence!, field);
    }
    if (links.some((l) => l.device_id === deviceId)) fail('this device is listed twice');
    links.push({ device_id: deviceId, position: e.position ?? null });
  }
  return links;
}

async function findOrCreateDevice(db: Db, viewer: Viewer, batchId: number, sequence: number, field: string): Promise<number> {
  const batch = await db.selectFrom('batches as t').select(['t.id', 't.name', 't.status', 't.serial_template']).where('t.id', '=', batchId).where(visibleTo(viewer, 'batches as t')).executeTakeFirst();
  if (!batch) throw new ValidationError(`${field}: no visible batch with id ${batchId}`, [{ field: `${field}.batch_id`, message: `no visible batch with id ${batchId}` }]);
  const existing = await db
    .selectFrom('devices as t')
    .select(['t.id', sql<boolean>`${visibleTo(viewer, 'devices as t')}`.as('visible')])
    .where('t.batch_id', '=', batchId)
    .where('t.sequence', '=', sequence)
    .where('t.status', '<>', 'deleted')
    .executeTakeFirst();
  if (existing) {
    // Said without naming the device, its owner or that it is private (the batch is visible, its places are not secret).
    if (!existing.visible) throw new ValidationError(`${field}: place ${sequence} of batch ${batchId} is not available`, [{ field, message: `place ${sequence} of this batch is not available` }]);
    return existing.id;
  }
  const serial = deviceSerial(batch.serial_template, batch.name, sequence);
  // A device of a public batch is as public as its batch; otherwise nobody but its creator would see it.
  const device = await db
    .insertInto('devices')
    .values({ name: serial, serial, batch_id: batchId, sequence, owner_id: viewer.userId, status: batch.status === 'public' ? 'public' : 'private' })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordHistory(db, { table: 'devices', recordId: device.id, userId: viewer.userId, action: 'create', changes: diffRows(null, device) });
  return device.id;
}

/** Replaces an experiment's device links. */
export async function replaceExperimentDevices(db: Db, experimentId: number, links: readonly ExperimentDeviceLink[]): Promise<void> {
  await db.deleteFrom('experiment_devices').where('experiment_id', '=', experimentId).execute();
  if (links.length > 0) await db.insertInto('experiment_devices').values(links.map((l) => ({ experiment_id: experimentId, ...l }))).execute();
}

export async function readExperimentDeviceLinks(db: Db, experimentId: number): Promise<ExperimentDeviceLink[]> {
  return db.selectFrom('experiment_devices').select(['device_id', 'position']).where('experiment_id', '=', experimentId).orderBy('device_id').execute();
}

/**
 * The devices under test of the experiment row `alias` that the viewer can see, as a JSON array in the
 * experiment's output order (batch, then sequence): one correlated subquery, so a list page stays one statement.
 */
export function devicesUnderTestJson(viewer: Viewer, alias: string): Expression<unknown> {
  const item = sql`json_build_object('device_id', ed.device_id, 'position', ed.position, 'serial', d.serial, 'batch_id', d.batch_id, 'sequence', d.sequence)`;
  return sql`(select coalesce(json_agg(${item} order by d.batch_id, d.sequence), '[]'::json) from experiment_devices ed
    join devices d on d.id = ed.device_id where ed.experiment_id = ${sql.ref(`${alias}.id`)} and ${visibleTo(viewer, 'devices as d')})`;
}
