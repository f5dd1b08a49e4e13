import { useEffect, useState } from 'react';
import { apiFetch } from '../../api/api-client.js';

/** What a value row needs to know about its parameter: number or text, default unit, and that unit's quantity. */
export interface ParameterDetails {
  valueType: 'number' | 'text';
  unitId: number | null;
  quantityId: number | null;
}

const cache = new Map<string, Promise<ParameterDetails>>();

async function loadDetails(parameterId: string): Promise<ParameterDetails> {
  const p = await apiFetch<{ value_type: 'number' | 'text'; unit_id: number | null }>(`/api/v1/parameters/${parameterId}`);
  const unit = p.unit_id === null ? null : await apiFetch<{ quantity_id: number }>(`/api/v1/units/${p.unit_id}`);
  return { valueType: p.value_type, unitId: p.unit_id, quantityId: unit?.quantity_id ?? null };
}

/** The details of a visible parameter (cached for the page's life: seeded parameters do not change). */
export function useParameterDetails(parameterId: string): { details?: ParameterDetails; error?: Error } {
  const [state, setState] = useState<{ id: string; details?: ParameterDetails; error?: Error }>();
  useEffect(() => {
    if (parameterId === '') return;
    let hit = cache.get(parameterId);
    if (!hit) {
      hit = loadDetails(parameterId);
      hit.catch(() => cache.delete(parameterId));
      cache.set(parameterId, hit);
    }
    let live = true;
    hit.then(
      (details) => live && setState({ id: parameterId, details }),
      (e: unknown) => live && setState({ id: parameterId, error: e instanceof Error ? e : new Error(String(e)) }),
    );
    return () => {
      live = false;
    };
  }, [parameterId]);
  return state?.id === parameterId ? state : {};
}
