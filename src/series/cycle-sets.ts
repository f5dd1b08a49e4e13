import { visibleTo } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { capacityScale, type CapacityUnit } from './capacity-normalisation.js';
import type { SeriesEngine } from './series-engine.js';
import { computedCycles, readStoredCycles, type CycleRow } from './stored-summaries.js';

/** One data file's cycles, with the factor that shows its capacities in the asked unit. */
export interface FileCycles {
  id: number;
  name: string;
  factor: number;
  cycles: CycleRow[];
}

/**
 * Cycle summaries of many data files in a few queries (one for visibility, one for all stored
 * rows), in the order asked. A file the viewer may not see is NotFound, as for one file.
 */
export async function loadFileCycles(db: Db, engine: SeriesEngine, viewer: Viewer, ids: readonly number[], unit: CapacityUnit): Promise<FileCycles[]> {
  if (ids.length === 0) return [];
  const files = await db
    .selectFrom('data_files as t')
    .select(['t.id', 't.name', 't.state', 't.series_key'])
    .where('t.id', 'in', ids)
    .where(visibleTo(viewer, 't'))
    .execute();
  const byId = new Map(files.map((f) => [f.id, f]));
  for (const id of ids) {
    const f = byId.get(id);
    if (!f) throw new NotFoundError('Data file', id);
    if (f.state !== 'ready' || !f.series_key) throw new ConflictError(`Data file ${id} has no stored series (state: ${f.state})`, { state: f.state });
  }
  const stored = await readStoredCycles(db, ids);
  return Promise.all(
    ids.map(async (id) => {
      const f = byId.get(id)!;
      const factor = unit === 'Ah' ? 1 : (await capacityScale(db, viewer, id, unit)).factor;
      return { id, name: f.name, factor, cycles: stored.get(id) ?? (await computedCycles(engine, f.series_key!)) };
    }),
  );
}
