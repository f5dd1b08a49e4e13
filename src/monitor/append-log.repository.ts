import type { Db } from '../db/database.js';
import { ValidationError } from '../domain/errors.js';
import type { AppendKind } from './monitor.table.js';

/** The header by which `liionsden harvest` names itself on its uploads and appends. */
export const HARVESTER_HEADER = 'x-liionsden-harvester';

/** The harvester name a request carries (trimmed), or null for a request that is not a harvester's. */
export function harvesterNameOf(header: string | undefined): string | null {
  if (header === undefined) return null;
  const name = header.trim();
  if (name.length === 0 || name.length > 100) throw new ValidationError(`Invalid ${HARVESTER_HEADER} header`, [{ field: HARVESTER_HEADER, message: 'a harvester name of 1 to 100 characters' }]);
  return name;
}

export interface LoggedSend {
  dataFileId: number;
  jobId: number | null;
  kind: AppendKind;
  bytes: number;
  sizeBytes: number;
  harvesterName: string | null;
  at: Date;
}

/**
 * Logs a send that changed a data file's raw bytes (every append, and a harvester's upload) and, when
 * a harvester sent it, marks the file as that harvester's: the channel monitor lists such files.
 */
export async function logSend(db: Db, send: LoggedSend): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('data_file_appends')
      .values({ data_file_id: send.dataFileId, job_id: send.jobId, kind: send.kind, bytes: send.bytes, size_bytes: send.sizeBytes, harvester_name: send.harvesterName, created_at: send.at })
      .execute();
    if (send.harvesterName !== null) await tx.updateTable('data_files').set({ harvester_name: send.harvesterName }).where('id', '=', send.dataFileId).execute();
  });
}
