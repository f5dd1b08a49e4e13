import { z } from '@hono/zod-openapi';
import type { Viewer } from '../access/viewer.js';
import type { Db } from '../db/database.js';
import { findReadySeriesKey } from './data-file-access.js';
import { findVisibleChain, type ChainFile } from './file-chain.js';
import { openJoinedSeries, type JoinedPart } from './joined-series.js';
import type { SeriesEngine, SeriesHandle } from './series-engine.js';

/** The `joined` query parameter of the data endpoints. */
export const JoinedParam = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true')
  .openapi({ description: 'true: the chain of files this one belongs to (linked by continues_id, as far as you may see them and they are ready) as one series, time and cycles continued' });

/** What a data endpoint reads: the asked file, and its series alone or joined with its chain. */
export interface DataSeries {
  file: ChainFile;
  handle: SeriesHandle;
  parts: JoinedPart[];
}

/** Opens data file `id`'s series for `viewer`; with `joined`, the whole visible chain (ADR 0018). */
export async function openDataSeries(db: Db, viewer: Viewer, engine: SeriesEngine, id: number, joined: boolean): Promise<DataSeries> {
  const chain = joined ? await findVisibleChain(db, viewer, id) : [await readyFile(db, viewer, id)];
  const { handle, parts } = await openJoinedSeries(engine, chain);
  return { file: chain.find((f) => f.id === id)!, handle, parts };
}

async function readyFile(db: Db, viewer: Viewer, id: number): Promise<ChainFile> {
  const { file, seriesKey } = await findReadySeriesKey(db, viewer, id);
  return { ...file, seriesKey };
}
