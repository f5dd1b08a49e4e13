import { visibleTo } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { CanonicalColumn as C } from '../domain/canonical-columns.js';
import { findReadySeriesKey } from './data-file-access.js';
import { loadColumns, openSeries, type SeriesEngine } from './series-engine.js';

/** A file of the same experiment that data file `id` could continue. */
export interface ContinuationCandidate {
  id: number;
  name: string;
  /** Wall-clock pause from its last row to the first row of `id`, s (null when either lacks Unix time). */
  gapS: number | null;
  /** It meets the rule: same devices and equipment, and it ended before `id` began. */
  matchesRule: boolean;
}

/**
 * The ready, visible files of `id`'s experiment that `id` may continue (not itself, not one
 * another file already continues, not one that continues `id`), those the rule picks first, the
 * shortest pause first. The rule: the same set of devices and the same equipment (when both name
 * one), and its last row's Unix time at or before `id`'s first.
 */
export async function findContinuationCandidates(db: Db, viewer: Viewer, engine: SeriesEngine, id: number): Promise<ContinuationCandidate[]> {
  const { seriesKey } = await findReadySeriesKey(db, viewer, id);
  const self = await db.selectFrom('data_files').select(['experiment_id', 'equipment_id']).where('id', '=', id).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('data_files as t')
    .select(['t.id', 't.name', 't.equipment_id', 't.series_key'])
    .where(visibleTo(viewer, 'data_files as t'))
    .where('t.experiment_id', '=', self.experiment_id)
    .where('t.id', '<>', id)
    .where('t.state', '=', 'ready')
    .where('t.series_key', 'is not', null)
    .where((eb) => eb.or([eb('t.continues_id', 'is', null), eb('t.continues_id', '<>', id)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('data_files as n').select('n.id').where('n.continues_id', '=', eb.ref('t.id')).where('n.id', '<>', id).where('n.status', '<>', 'deleted'))))
    .orderBy('t.id')
    .execute();
  const devices = await deviceSets(db, [id, ...rows.map((r) => r.id)]);
  const firstUnix = (await unixEdges(engine, seriesKey))[0];
  const out = await Promise.all(
    rows.map(async (r) => {
      const lastUnix = (await unixEdges(engine, r.series_key!))[1];
      const gapS = Number.isFinite(firstUnix) && Number.isFinite(lastUnix) ? firstUnix - lastUnix : null;
      const sameEquipment = r.equipment_id === null || self.equipment_id === null || r.equipment_id === self.equipment_id;
      const matchesRule = gapS !== null && gapS >= 0 && sameEquipment && devices.get(r.id) === devices.get(id);
      return { id: r.id, name: r.name, gapS, matchesRule };
    }),
  );
  return out.sort((a, b) => Number(b.matchesRule) - Number(a.matchesRule) || (a.gapS ?? Infinity) - (b.gapS ?? Infinity) || a.id - b.id);
}

/** Each file's device ids as one comparable string. */
async function deviceSets(db: Db, ids: number[]): Promise<Map<number, string>> {
  const rows = await db.selectFrom('data_file_devices').select(['data_file_id', 'device_id']).where('data_file_id', 'in', ids).orderBy('device_id').execute();
  const out = new Map<number, string>(ids.map((i) => [i, '']));
  for (const r of rows) out.set(r.data_file_id, `${out.get(r.data_file_id)},${r.device_id}`);
  return out;
}

/** First and last Unix time of a stored series (NaN when it has none). */
async function unixEdges(engine: SeriesEngine, seriesKey: string): Promise<[number, number]> {
  const handle = await openSeries(engine, seriesKey);
  if (!handle.columnNames.includes(C.UnixTime) || handle.rowCount === 0) return [Number.NaN, Number.NaN];
  const [unix] = await loadColumns(engine, handle, [C.UnixTime]);
  return [unix.values[0], unix.values[handle.rowCount - 1]];
}
