import { sql, type Selectable } from 'kysely';
import { isMaintainer, type Viewer } from '../access/viewer.js';
import { visibleTo } from '../access/visibility.js';
import type { Db } from '../db/database.js';
import { UnauthenticatedError } from '../domain/errors.js';
import type { Harvester, Heartbeat } from './monitor.schemas.js';
import type { HarvestersTable } from './monitor.table.js';

/** A harvester not heard from for this many of its heartbeat intervals is offline. */
export const OFFLINE_AFTER_BEATS = 3;

/** Records a heartbeat of the viewer's harvester `beat.name` (created on its first beat). */
export async function recordHeartbeat(db: Db, viewer: Viewer, beat: Heartbeat, now: Date): Promise<Harvester> {
  if (viewer.userId === null) throw new UnauthenticatedError();
  const values = {
    host: beat.host,
    version: beat.version,
    started_at: beat.startedAt,
    last_seen_at: now,
    heartbeat_interval_s: beat.intervalS,
    paths_count: beat.pathsCount,
    files_count: beat.files,
    last_scan: beat.lastScan ? JSON.stringify(beat.lastScan) : null,
    last_error: beat.lastError ?? null,
  };
  const row = await db
    .insertInto('harvesters')
    .values({ owner_id: viewer.userId, name: beat.name, ...values })
    .onConflict((oc) => oc.columns(['owner_id', 'name']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toHarvester(row, now);
}

/**
 * Harvesters the viewer may see: their own, every one for maintainers and administrators, and
 * those that feed a data file the viewer may see.
 */
export async function listHarvesters(db: Db, viewer: Viewer, now: Date): Promise<Harvester[]> {
  const rows = await db
    .selectFrom('harvesters as h')
    .selectAll('h')
    .where((eb) =>
      isMaintainer(viewer)
        ? sql<boolean>`true`
        : eb.or([
            eb('h.owner_id', '=', viewer.userId ?? -1),
            eb.exists(eb.selectFrom('data_files as t').select('t.id').whereRef('t.harvester_name', '=', 'h.name').where(visibleTo(viewer, 'data_files as t'))),
          ]),
    )
    .orderBy('h.name')
    .orderBy('h.id')
    .execute();
  return rows.map((r) => toHarvester(r, now));
}

function toHarvester(r: Selectable<HarvestersTable>, now: Date): Harvester {
  const lastSeen = new Date(r.last_seen_at);
  return {
    id: r.id,
    name: r.name,
    ownerId: r.owner_id,
    host: r.host,
    version: r.version,
    startedAt: new Date(r.started_at).toISOString(),
    lastSeenAt: lastSeen.toISOString(),
    heartbeatIntervalS: r.heartbeat_interval_s,
    pathsCount: r.paths_count,
    files: r.files_count,
    lastScan: (r.last_scan as Record<string, number> | null) ?? null,
    lastError: r.last_error,
    online: now.getTime() - lastSeen.getTime() <= OFFLINE_AFTER_BEATS * r.heartbeat_interval_s * 1000,
  };
}
