import { useCallback, useEffect, useState } from 'react';
import { apiFetch, withQuery, type QueryValue } from '../api/api-client.js';
import { toChoices, type Choice } from './choices.js';

const cache = new Map<string, Promise<Choice[]>>();

function fetchChoices(path: string): Promise<Choice[]> {
  let hit = cache.get(path);
  if (!hit) {
    hit = apiFetch<unknown>(path).then(toChoices);
    hit.catch(() => cache.delete(path));
    cache.set(path, hit);
  }
  return hit;
}

/** Forgets cached choices of an entity (every filter), e.g. after a record was created from inside a form. */
export function invalidateChoices(plural: string): void {
  for (const path of cache.keys()) if (path.startsWith(`/api/v1/${plural}/choices?`)) cache.delete(path);
}

/**
 * The records of an entity the current user may pick (the API applies visibility), optionally
 * narrowed by the list filters, e.g. `useChoices('units', { quantity_id: 3 })`.
 */
export function useChoices(plural: string | undefined, filters: Record<string, QueryValue> = {}): { choices: Choice[]; error: Error | undefined; reload(): void } {
  const [choices, setChoices] = useState<Choice[]>([]);
  const [error, setError] = useState<Error>();
  const [tick, setTick] = useState(0);
  const path = plural ? withQuery(`/api/v1/${plural}/choices`, { ...filters, page_size: 500 }) : undefined;
  useEffect(() => {
    if (!path) return;
    let live = true;
    fetchChoices(path).then(
      (c) => live && setChoices(c),
      (e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => {
    if (path) cache.delete(path);
    setTick((t) => t + 1);
  }, [path]);
  return { choices, error, reload };
}
