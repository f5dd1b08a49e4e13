import type { Db } from '../db/database.js';
import { ValidationError } from '../domain/errors.js';

const invalid = (message: string) => new ValidationError(`continues_id: ${message}`, [{ field: 'continues_id', message }]);

/**
 * Checks that data file `id` may continue `continuesId`: another file of the same experiment, and
 * no loop (`continuesId` must not itself continue `id`, however far back). Visibility of the
 * target is checked by the entity's references.
 */
export async function assertValidContinuation(db: Db, id: number, continuesId: number | null): Promise<void> {
  if (continuesId === null) return;
  if (continuesId === id) throw invalid('a data file cannot continue itself');
  const [self, target] = await Promise.all([id, continuesId].map((fileId) => db.selectFrom('data_files').select(['experiment_id']).where('id', '=', fileId).executeTakeFirst()));
  if (!self || !target) return;
  if (self.experiment_id !== target.experiment_id) throw invalid(`data file ${continuesId} belongs to another experiment`);
  const seen = new Set<number>([id]);
  for (let at: number | null = continuesId; at !== null; ) {
    if (seen.has(at)) throw invalid(`data file ${continuesId} already continues data file ${id} (a loop)`);
    seen.add(at);
    const row: { continues_id: number | null } | undefined = await db.selectFrom('data_files').select('continues_id').where('id', '=', at).executeTakeFirst();
    at = row?.continues_id ?? null;
  }
}
