import { Readable } from 'node:stream';
import type { Db } from '../db/database.js';
import { assertCanAddFiles, createUploadedDataFile } from '../ingest/upload.service.js';
import { putContent, type BlobStore } from '../storage/blob-store.js';
import { demoExperiments, demoRoles } from './demo-catalogue.js';
import { demoCyclerCsv } from './demo-cycler-file.js';

/** The demo cell's channel file: the first cell of the 25 °C ageing experiment, 40 cycles, a record every 10 s. */
export const DEMO_FILE_NAME = 'CH1_D50E-001_cycle-ageing-25C.csv';

/**
 * Stores a synthetic Arbin export of the first 25 °C ageing cell (demo-cycler-file.ts) and queues it for
 * ingest, owned by the demo contributor, linked to its experiment and device: after parsing, the demo
 * opens with plots. Runs after fillDemoData. Returns the new data file's id.
 */
export async function addDemoDataFile(db: Db, store: BlobStore): Promise<number> {
  const owner = await db
    .selectFrom('users')
    .select(['id', 'role', 'institution_id'])
    .where('username', '=', demoRoles.find((r) => r.role === 'contributor')!.username)
    .executeTakeFirstOrThrow();
  const viewer = { userId: owner.id, role: owner.role, institutionId: owner.institution_id, anonymousRead: false };
  const { id: experimentId } = await db.selectFrom('experiments').select('id').where('name', '=', demoExperiments[0][0]).executeTakeFirstOrThrow();
  const experiment = await assertCanAddFiles(db, viewer, experimentId);
  const device = await db
    .selectFrom('experiment_devices as ed')
    .innerJoin('devices as d', 'd.id', 'ed.device_id')
    .select('d.id')
    .where('ed.experiment_id', '=', experiment.id)
    .orderBy('d.sequence')
    .executeTakeFirstOrThrow();
  const { csv } = demoCyclerCsv({ cycles: 40, capacityAh: 5, stepS: 10, start: new Date(Date.UTC(2024, 3, 2, 9, 0, 0)) });
  const blob = await putContent(store, Readable.from([Buffer.from(csv)]));
  const { dataFileId } = await createUploadedDataFile(db, viewer, experiment, { field: 'file', fileName: DEMO_FILE_NAME, blob }, [], { deviceIds: [device.id] });
  return dataFileId;
}
