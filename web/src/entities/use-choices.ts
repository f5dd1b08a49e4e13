import { useCallback, useEffect, useState } from 'react';
import { apiFetch } from '../api/api-client.js';
import { toChoices, type Choice } from './choices.js';

const cache = new Map<string, Promise<Choice[]>>();

function fetchChoices(plural: string): Promise<Choice[]> {
  let hit = cache.get(plural);
  if (!hit) {
    hit = apiFetch<unknown>(`/api/v1/${plural}/choices?page_size=500`).then(toChoices);
    hit.catch(() => cache.delete(plural));
    cache.set(plural, hit);
  }
  return hit;
}

/** Forgets cached choices, e.g. after a record was created from inside a form. */
export function invalidateChoices(plural: string): void {
  cache.delete(plural);
}

/** The records of an entity the current user may pick (the API applies visibility). */
export function useChoices(plural: string | undefined): { choices: Choice[]; error: Error | undefined; reload(): void } {
  const [choices, setChoices] = useState<Choice[]>([]);
  const [error, setError] = useState<Error>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!plural) return;
    let live = true;
    fetchChoices(plural).then(
      (c) => live && setChoices(c),
      (e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [plural, tick]);
  const reload = useCallback(() => {
    if (plural) invalidateChoices(plural);
    setTick((t) => t + 1);
  }, [plural]);
  return { choices, error, reload };
}
