import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileTarget } from '../file-target.js';
import type { HarvestApi } from '../harvest-api.js';
import { saveHarvestState, type HarvestState } from '../harvest-state.js';
import { placeOnServer } from './monitored-paths-api.js';

const BATCH = 1000;

/**
 * `targetsOf` for a monitored path: files without a target yet are placed by the server (assignment,
 * rule, default); the answer is kept in the state file, so a file stays with its data file when the
 * rules change later. A file the server leaves unassigned is asked about again at the next scan.
 */
export function placementTargets(api: HarvestApi, path: { id: number; folder: string }, statePath: string) {
  return async (names: string[], state: HarvestState): Promise<Map<string, FileTarget>> => {
    const targets = (state.targets ??= {});
    const unplaced = names.filter((name) => !targets[name]);
    let placedNow = 0;
    for (let i = 0; i < unplaced.length; i += BATCH) {
      const batch = unplaced.slice(i, i + BATCH);
      // A file removed since the listing is asked about with size 0 rather than failing the whole batch.
      const files = await Promise.all(batch.map(async (name) => ({ name, size_bytes: (await stat(join(path.folder, name)).catch(() => ({ size: 0 }))).size })));
      for (const p of await placeOnServer(api, path.id, files)) {
        if (p.experiment_id === null) continue;
        targets[p.name] = { experimentId: p.experiment_id, equipmentId: p.equipment_id, deviceIds: p.device_ids };
        placedNow++;
      }
    }
    if (placedNow > 0) await saveHarvestState(statePath, state);
    return new Map(names.filter((name) => targets[name]).map((name) => [name, targets[name]]));
  };
}
