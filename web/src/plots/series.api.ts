import { apiFetch, withQuery } from '../api/api-client.js';
import type { ApiSeries } from '../api/api-types.js';

export const TEST_TIME = 'Test Time / s';

/** What the series endpoint returns as compact JSON: columns by name, NaN as null. */
export type SeriesJson = ApiSeries;

export interface SeriesRequest {
  columns: string[];
  from?: number;
  to?: number;
  maxPoints: number;
  cycles?: number[];
  /** The chain of files this one belongs to, as one series (continues_id). */
  joined?: boolean;
}

/** M4-downsampled columns of a data file over a time window (the server picks rows per pixel). */
export function fetchSeries(dataFileId: number, req: SeriesRequest, signal?: AbortSignal): Promise<SeriesJson> {
  return apiFetch<SeriesJson>(
    withQuery(`/api/v1/data-files/${dataFileId}/series`, {
      columns: req.columns,
      from: req.from,
      to: req.to,
      maxPoints: Math.round(req.maxPoints),
      cycles: req.cycles,
      joined: req.joined,
      format: 'json',
    }),
    { signal },
  );
}

/** Columns as uPlot's aligned arrays (x first); nulls stay gaps. */
export function toAligned(series: SeriesJson, x: string, ys: string[]): (number | null)[][] {
  const xs = series.columns[x] ?? [];
  return [xs, ...ys.map((y) => series.columns[y] ?? xs.map(() => null))];
}
