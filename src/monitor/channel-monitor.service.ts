import type { Viewer } from '../access/viewer.js';
import { visibleTo } from '../access/visibility.js';
import type { MonitorSettings } from '../config.js';
import type { Db } from '../db/database.js';
import { computeChannelStatus, RECENT_APPENDS, type AppendPoint } from './channel-state.js';
import type { Channel } from './monitor.schemas.js';

/** The monitor lists at most this many channels (newest data files first). */
export const MAX_CHANNELS = 1000;

/** Every harvested data file the viewer may see, with its state at `now` (channel-state.ts). */
export async function listChannels(db: Db, viewer: Viewer, settings: MonitorSettings, now: Date): Promise<Channel[]> {
  const files = await db
    .selectFrom('data_files as t')
    .select(['t.id', 't.name', 't.experiment_id', 't.harvester_name', 't.state', 't.error', 't.row_count', 't.created_at'])
    .where('t.harvester_name', 'is not', null)
    .where(visibleTo(viewer, 'data_files as t'))
    .orderBy('t.id', 'desc')
    .limit(MAX_CHANNELS)
    .execute();
  if (files.length === 0) return [];
  const ids = files.map((f) => f.id);
  const [appends, lastSteps] = await Promise.all([recentAppends(db, ids), lastStepOf(db, ids)]);
  return files.map((f) => {
    const log = appends.get(f.id) ?? { points: [], total: 0 };
    const points = log.points.length > 0 ? log.points : [{ at: new Date(f.created_at), rows: f.row_count }];
    const step = lastSteps.get(f.id);
    const status = computeChannelStatus({ appends: points, fileState: f.state, lastStepType: step?.type ?? null }, settings, now);
    return {
      dataFileId: f.id,
      name: f.name,
      experimentId: f.experiment_id,
      harvesterName: f.harvester_name ?? '',
      state: status.state,
      parseState: f.state,
      rows: f.row_count,
      lastTestTimeS: step?.endTestTimeS ?? null,
      lastAppendAt: points[points.length - 1].at.toISOString(),
      appends: log.total,
      usualIntervalS: status.usualIntervalS,
      idleS: Math.round(status.idleS),
      rateRowsPerHour: status.rateRowsPerHour === null ? null : Math.round(status.rateRowsPerHour),
      lastError: f.state === 'failed' ? errorMessage(f.error) : null,
    };
  });
}

/** The latest RECENT_APPENDS + 1 logged sends of each file, oldest first, with the rows its parse then gave. */
async function recentAppends(db: Db, ids: number[]): Promise<Map<number, { points: AppendPoint[]; total: number }>> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('data_file_appends as a')
        .leftJoin('data_file_versions as v', 'v.job_id', 'a.job_id')
        .select(['a.data_file_id', 'a.created_at', 'v.row_count'])
        .select((e) => [
          e.fn.agg<number>('row_number').over((o) => o.partitionBy('a.data_file_id').orderBy('a.id', 'desc')).as('recency'),
          e.fn.countAll<number>().over((o) => o.partitionBy('a.data_file_id')).as('total'),
        ])
        .where('a.data_file_id', 'in', ids)
        .as('r'),
    )
    .selectAll('r')
    .where('r.recency', '<=', RECENT_APPENDS + 1)
    .orderBy('r.data_file_id')
    .orderBy('r.recency', 'desc')
    .execute();
  const byFile = new Map<number, { points: AppendPoint[]; total: number }>();
  for (const r of rows) {
    const entry = byFile.get(r.data_file_id) ?? { points: [], total: Number(r.total) };
    entry.points.push({ at: new Date(r.created_at), rows: r.row_count === null ? null : Number(r.row_count) });
    byFile.set(r.data_file_id, entry);
  }
  return byFile;
}

/** Each file's last step: its type (a final rest marks a finished test) and the test time it ends at. */
async function lastStepOf(db: Db, ids: number[]): Promise<Map<number, { type: number; endTestTimeS: number }>> {
  const rows = await db
    .selectFrom('steps')
    .distinctOn('data_file_id')
    .select(['data_file_id', 'step_type', 'end_test_time_s'])
    .where('data_file_id', 'in', ids)
    .orderBy('data_file_id')
    .orderBy('step_count', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.data_file_id, { type: r.step_type, endTestTimeS: r.end_test_time_s }]));
}

function errorMessage(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  if (typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
