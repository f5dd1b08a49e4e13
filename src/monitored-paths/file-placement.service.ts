import { sql } from 'kysely';
import { assertCanCreate } from '../access/permissions.js';
import type { Viewer } from '../access/viewer.js';
import { visibleTo } from '../access/visibility.js';
import type { Db } from '../db/database.js';
import { NotFoundError } from '../domain/errors.js';
import { matchRule, type PathRule } from './path-rules.schemas.js';

/** Where a harvested file goes, or why it waits. */
export interface FilePlacement {
  name: string;
  source: 'assigned' | 'rule' | 'default' | 'unassigned';
  experiment_id: number | null;
  device_ids: number[];
  equipment_id: number | null;
  /** Why it waits (unassigned only). */
  reason: string | null;
}

type PathRow = { id: number; rules: PathRule[]; default_experiment_id: number | null; equipment_id: number | null };

/** The monitored path if the viewer may see it (NotFound otherwise: a hidden record's existence is private). */
export async function readVisiblePath(db: Db, viewer: Viewer, id: number): Promise<PathRow & { owner_id: number | null; status: 'private' | 'public' | 'deleted' }> {
  const row = await db
    .selectFrom('monitored_paths as t')
    .select(['t.id', 't.rules', 't.default_experiment_id', 't.equipment_id', 't.owner_id', 't.status'])
    .where('t.id', '=', id)
    .where(visibleTo(viewer, 'monitored_paths as t'))
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Monitored path', id);
  return row;
}

/**
 * Places each file a harvester found under a monitored path: a person's assignment first, then the
 * first matching rule, then the default experiment. The rest are recorded as unassigned (with the
 * reason) and answered as such; a file that is placed now leaves the unassigned list.
 */
export async function placeFiles(db: Db, viewer: Viewer, pathId: number, files: readonly { name: string; size_bytes: number }[]): Promise<FilePlacement[]> {
  assertCanCreate(viewer, 'data files');
  const path = await readVisiblePath(db, viewer, pathId);
  const names = files.map((f) => f.name);
  const known = names.length === 0 ? [] : await db.selectFrom('unassigned_files').selectAll().where('monitored_path_id', '=', pathId).where('name', 'in', names).execute();
  const byName = new Map(known.map((k) => [k.name, k]));
  const placements: FilePlacement[] = [];
  for (const file of files) {
    const assigned = byName.get(file.name);
    placements.push(
      assigned?.experiment_id
        ? { name: file.name, source: 'assigned', experiment_id: assigned.experiment_id, device_ids: assigned.device_ids, equipment_id: path.equipment_id, reason: null }
        : await placeByRules(db, viewer, path, file.name),
    );
  }
  await recordPlacements(db, pathId, files, placements);
  return placements;
}

async function placeByRules(db: Db, viewer: Viewer, path: PathRow, name: string): Promise<FilePlacement> {
  const placed = (source: FilePlacement['source'], experimentId: number | null, deviceIds: number[], reason: string | null): FilePlacement => ({
    name,
    source,
    experiment_id: experimentId,
    device_ids: deviceIds,
    equipment_id: path.equipment_id,
    reason,
  });
  for (const [index, rule] of path.rules.entries()) {
    const groups = matchRule(rule, name);
    if (!groups) continue;
    if (!rule.device) return placed('rule', rule.experiment_id, [], null);
    if (rule.device.kind === 'fixed') return placed('rule', rule.experiment_id, rule.device.device_ids, null);
    const value = groups[rule.device.group];
    const found = value === undefined ? [] : await findDevices(db, viewer, rule.device.match, value);
    if (found.length === 1) return placed('rule', rule.experiment_id, found, null);
    const what = `${rule.device.match} '${value ?? ''}' (group ${rule.device.group} of rule ${index + 1})`;
    return placed('unassigned', null, [], found.length === 0 ? `no visible device with ${what}` : `${found.length} devices with ${what}`);
  }
  if (path.default_experiment_id !== null) return placed('default', path.default_experiment_id, [], null);
  return placed('unassigned', null, [], 'no rule matches and the path has no default experiment');
}

/** Visible devices whose serial (or name) equals `value`, case-insensitively. */
async function findDevices(db: Db, viewer: Viewer, match: 'serial' | 'name', value: string): Promise<number[]> {
  const rows = await db
    .selectFrom('devices as t')
    .select('t.id')
    .where(sql`lower(${sql.ref(`t.${match}`)})`, '=', value.toLowerCase())
    .where(visibleTo(viewer, 'devices as t'))
    .limit(2)
    .execute();
  return rows.map((r) => r.id);
}

async function recordPlacements(db: Db, pathId: number, files: readonly { name: string; size_bytes: number }[], placements: FilePlacement[]): Promise<void> {
  const waiting = placements.flatMap((p, i) => (p.source === 'unassigned' ? [{ monitored_path_id: pathId, name: p.name, size_bytes: files[i].size_bytes, reason: p.reason! }] : []));
  const placedNow = placements.filter((p) => p.source === 'rule' || p.source === 'default').map((p) => p.name);
  if (waiting.length > 0) {
    await db
      .insertInto('unassigned_files')
      .values(waiting)
      .onConflict((oc) => oc.columns(['monitored_path_id', 'name']).doUpdateSet((eb) => ({ size_bytes: eb.ref('excluded.size_bytes'), reason: eb.ref('excluded.reason'), last_seen_at: sql`now()` })))
      .execute();
  }
  if (placedNow.length > 0) {
    await db.deleteFrom('unassigned_files').where('monitored_path_id', '=', pathId).where('name', 'in', placedNow).where('experiment_id', 'is', null).execute();
  }
}
