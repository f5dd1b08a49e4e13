import { Readable } from 'node:stream';
import type { Db } from '../db/database.js';
import { assertCanAddFiles, createUploadedDataFile } from '../ingest/upload.service.js';
import { putContent, type BlobStore } from '../storage/blob-store.js';
import { demoExperiments, demoRoles } from './demo-catalogue.js';
import { demoCyclerCsv, type DemoCyclerOptions } from './demo-cycler-file.js';

/** The cycle-ageing experiments whose cells get a channel file each, and how their cells age. */
const AGEING = [
  { experiment: demoExperiments[0], fadePerCycle: 0.0012, resistanceGrowthPerCycle: 0.006 },
  { experiment: demoExperiments[1], fadePerCycle: 0.0028, resistanceGrowthPerCycle: 0.012 },
] as const;

/** The first cell's channel file: the first cell of the 25 °C ageing experiment, 40 cycles, a record every 10 s. */
export const DEMO_FILE_NAME = 'CH1_D50E-001_cycle-ageing-25C.csv';

/** One channel file of the demo: the cell it tested and the model that writes it. */
export interface DemoChannel {
  experimentId: number;
  deviceId: number;
  fileName: string;
  model: DemoCyclerOptions;
}

/**
 * A channel file per cell of the two ageing experiments: 40 cycles each, cells of one experiment spread
 * a little around its fade rate and first capacity (as cells of one batch do), the 45 °C cells ageing
 * faster — so the compare page and the batch statistics have something to show.
 */
export async function demoChannels(db: Db): Promise<DemoChannel[]> {
  const out: DemoChannel[] = [];
  let channel = 0;
  for (const { experiment, fadePerCycle, resistanceGrowthPerCycle } of AGEING) {
    const [name, , temperatureC, , , , , date] = experiment;
    const cells = await db
      .selectFrom('experiments as e')
      .innerJoin('experiment_devices as ed', 'ed.experiment_id', 'e.id')
      .innerJoin('devices as d', 'd.id', 'ed.device_id')
      .select(['e.id as experimentId', 'd.id', 'd.serial'])
      .where('e.name', '=', name)
      .orderBy('d.sequence')
      .execute();
    cells.forEach((cell, i) => {
      const spread = i - (cells.length - 1) / 2; // -1.5 … 1.5 for four cells
      out.push({
        experimentId: cell.experimentId,
        deviceId: cell.id,
        fileName: `CH${++channel}_${cell.serial}_cycle-ageing-${temperatureC}C.csv`,
        model: {
          cycles: 40,
          capacityAh: 5 * (1 + 0.004 * spread),
          stepS: 10,
          start: new Date(`${date}T09:00:00Z`),
          fadePerCycle: fadePerCycle * (1 + 0.08 * spread),
          resistanceGrowthPerCycle,
          ambientC: temperatureC,
        },
      });
    });
  }
  return out;
}

/**
 * Stores a synthetic Arbin export (demo-cycler-file.ts) for every demo channel and queues each for ingest,
 * owned by the demo contributor, linked to its experiment and cell: after parsing, the demo opens with
 * plots. Runs after fillDemoData. Returns the new data files' ids, in channel order.
 */
export async function addDemoDataFiles(db: Db, store: BlobStore): Promise<number[]> {
  const owner = await db
    .selectFrom('users')
    .select(['id', 'role', 'institution_id'])
    .where('username', '=', demoRoles.find((r) => r.role === 'contributor')!.username)
    .executeTakeFirstOrThrow();
  const viewer = { userId: owner.id, role: owner.role, institutionId: owner.institution_id, anonymousRead: false };
  const ids: number[] = [];
  for (const channel of await demoChannels(db)) {
    const experiment = await assertCanAddFiles(db, viewer, channel.experimentId);
    const blob = await putContent(store, Readable.from([Buffer.from(demoCyclerCsv(channel.model).csv)]));
    const main = { field: 'file', fileName: channel.fileName, blob };
    ids.push((await createUploadedDataFile(db, viewer, experiment, main, [], { deviceIds: [channel.deviceId] })).dataFileId);
  }
  return ids;
}
