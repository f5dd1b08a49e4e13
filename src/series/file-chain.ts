import { visibleTo } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { findReadySeriesKey, type VisibleDataFile } from './data-file-access.js';

/** A ready data file of a chain with its stored series. */
export type ChainFile = VisibleDataFile & { seriesKey: string };

// A chain longer than this is a data error (or a loop written around the checks), not a test.
const MAX_CHAIN = 1000;

/**
 * The chain of data files that `id` belongs to (files linked by `continues_id`), first file first,
 * as `viewer` may read it: it stops at a file the viewer may not see, and at one without a ready
 * series (a continuation still being ingested joins once it is ready). `id` itself must be
 * visible and ready (NotFound / Conflict otherwise).
 */
export async function findVisibleChain(db: Db, viewer: Viewer, id: number): Promise<ChainFile[]> {
  const { file, seriesKey } = await findReadySeriesKey(db, viewer, id);
  const chain: ChainFile[] = [{ ...file, seriesKey }];
  const seen = new Set([id]);
  for (let prev = await linked(db, viewer, 'continues_id', id); prev && !seen.has(prev.id) && seen.size < MAX_CHAIN; prev = await linked(db, viewer, 'continues_id', prev.id)) {
    seen.add(prev.id);
    chain.unshift(prev);
  }
  for (let next = await linked(db, viewer, 'id', id); next && !seen.has(next.id) && seen.size < MAX_CHAIN; next = await linked(db, viewer, 'id', next.id)) {
    seen.add(next.id);
    chain.push(next);
  }
  return chain;
}

/**
 * The visible, ready neighbour of data file `id`: the file it continues (`via` = 'continues_id')
 * or the file that continues it (`via` = 'id'); null when there is none the viewer may read.
 */
async function linked(db: Db, viewer: Viewer, via: 'continues_id' | 'id', id: number): Promise<ChainFile | null> {
  let query = db
    .selectFrom('data_files as t')
    .select(['t.id', 't.name', 't.original_name', 't.blob_key', 't.size_bytes', 't.state', 't.series_key'])
    .where(visibleTo(viewer, 'data_files as t'));
  query =
    via === 'id'
      ? query.where('t.continues_id', '=', id)
      : query.where('t.id', '=', (eb) => eb.selectFrom('data_files as s').select('s.continues_id').where('s.id', '=', id));
  const row = await query.executeTakeFirst();
  if (!row || row.state !== 'ready' || !row.series_key) return null;
  return { id: row.id, name: row.name, originalName: row.original_name, blobKey: row.blob_key, sizeBytes: Number(row.size_bytes), state: row.state, seriesKey: row.series_key };
}
