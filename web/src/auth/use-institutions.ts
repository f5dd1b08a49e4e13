import { useEffect, useState } from 'react';
import { apiFetch } from '../api/api-client.js';
import { toChoices, type Choice } from '../entities/choices.js';

/** Institutions offered at registration; empty when the server does not list them to visitors. */
export function useInstitutions(): Choice[] {
  const [list, setList] = useState<Choice[]>([]);
  useEffect(() => {
    apiFetch<unknown>('/api/v1/auth/institutions')
      .then((body) => setList(toChoices(body)))
      .catch(() => setList([]));
  }, []);
  return list;
}
