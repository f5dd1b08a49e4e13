import { visibleTo } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';

/** What the data endpoints need of a data file row. */
export interface VisibleDataFile {
  id: number;
  name: string;
  originalName: string;
  blobKey: string;
  sizeBytes: number;
  state: string;
  seriesKey: string | null;
}

/** The data file if `viewer` may see it; NotFound otherwise (a hidden file's existence is private too). */
export async function findVisibleDataFile(db: Db, viewer: Viewer, id: number): Promise<VisibleDataFile> {
  const row = await db
    .selectFrom('data_files as t')
    .select(['t.id', 't.name', 't.original_name', 't.blob_key', 't.size_bytes', 't.state', 't.series_key'])
    .where('t.id', '=', id)
    .where(visibleTo(viewer, 'data_files as t'))
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Data file', id);
  return { id: row.id, name: row.name, originalName: row.original_name, blobKey: row.blob_key, sizeBytes: Number(row.size_bytes), state: row.state, seriesKey: row.series_key };
}

/** The stored series key of a visible data file; Conflict while it is still queued, parsing or failed. */
export async function findReadySeriesKey(db: Db, viewer: Viewer, id: number): Promise<{ file: VisibleDataFile; seriesKey: string }> {
  const file = await findVisibleDataFile(db, viewer, id);
  if (file.state !== 'ready' || !file.seriesKey) {
    throw new ConflictError(`Data file ${id} has no stored series (state: ${file.state})`, { state: file.state });
  }
  return { file, seriesKey: file.seriesKey };
}
