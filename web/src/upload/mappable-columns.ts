import { apiFetch } from '../api/api-client.js';
import type { components } from '../api/schema.js';

export type MappableColumn = components['schemas']['MappableColumns']['columns'][number];

let cached: Promise<MappableColumn[]> | undefined;

/** The canonical columns a mapping may target, with their units (fetched once). */
export function loadMappableColumns(): Promise<MappableColumn[]> {
  if (!cached) {
    cached = apiFetch<components['schemas']['MappableColumns']>('/api/v1/parsers/columns').then((b) => b.columns);
    cached.catch(() => (cached = undefined));
  }
  return cached;
}
