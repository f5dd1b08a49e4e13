import type { Db } from '../db/database.js';

/** A data file's parse outcome as the ingest commands report it. */
export interface DataFileOutcomeRow {
  id: number;
  state: 'queued' | 'parsing' | 'ready' | 'failed';
  format: string | null;
  row_count: number | null;
  error: unknown;
}

/**
 * Reads the data files every `pollMs` until each is ready or failed (the workers run elsewhere in the
 * process or on other machines); `onPoll` sees every reading. Returns the last one.
 */
export async function waitUntilSettled(db: Db, ids: readonly number[], onPoll: (rows: DataFileOutcomeRow[]) => void = () => undefined, pollMs = 200): Promise<DataFileOutcomeRow[]> {
  if (ids.length === 0) return [];
  for (;;) {
    const rows = (await db.selectFrom('data_files').select(['id', 'state', 'format', 'row_count', 'error']).where('id', 'in', ids).execute()) as DataFileOutcomeRow[];
    onPoll(rows);
    if (rows.every((r) => r.state === 'ready' || r.state === 'failed')) return rows;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
