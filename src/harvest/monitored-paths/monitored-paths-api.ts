import type { FilePlacement } from '../../monitored-paths/file-placement.service.js';
import type { HarvestApi } from '../harvest-api.js';

/** A monitored path as the harvester needs it (the record of GET /api/v1/monitored-paths). */
export interface WatchedPath {
  id: number;
  name: string;
  folder: string;
  glob: string;
  enabled: boolean;
  modified_at: string;
}

/** The server's answer for one file (POST /api/v1/monitored-paths/{id}/placements). */
export type ServerPlacement = FilePlacement;

const MAX_PAGE = 100;

const jsonBody = (value: unknown) => async function* () {
  yield Buffer.from(JSON.stringify(value));
};

/** The enabled monitored paths this harvester (by name) watches and its token's user can see. */
export async function fetchWatchedPaths(api: HarvestApi, harvesterName: string): Promise<WatchedPath[]> {
  const paths: WatchedPath[] = [];
  for (let page = 1; ; page++) {
    const query = new URLSearchParams({ harvester_name: harvesterName, enabled: 'true', sort: 'id', page: String(page), page_size: String(MAX_PAGE) });
    const answer = await api.send<{ items: WatchedPath[]; total: number }>(`monitored paths of ${harvesterName}`, `/api/v1/monitored-paths?${query}`, 'GET', {}, null);
    paths.push(...answer.items);
    if (answer.items.length < MAX_PAGE || paths.length >= answer.total) return paths;
  }
}

/** Asks the server where these files go; it records those no rule places as unassigned. */
export async function placeOnServer(api: HarvestApi, pathId: number, files: { name: string; size_bytes: number }[]): Promise<ServerPlacement[]> {
  const answer = await api.send<{ files: ServerPlacement[] }>(`place ${files.length} files`, `/api/v1/monitored-paths/${pathId}/placements`, 'POST', { 'content-type': 'application/json' }, jsonBody({ files }));
  return answer.files;
}
