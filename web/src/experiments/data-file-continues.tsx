import { useState } from 'react';
import { apiFetch } from '../api/api-client.js';
import type { components } from '../api/schema.js';
import { useApi } from '../api/use-api.js';
import type { DataFile } from './data-file.types.js';

type Candidate = components['schemas']['ContinuationCandidate'];

const label = (c: Candidate) =>
  `${c.name} (#${c.id})${c.matchesRule ? ' — suggested' : ''}${c.gapS !== null ? `, pause ${Math.round(c.gapS)} s` : ''}`;

/**
 * "Continues …": the earlier file this test was resumed from. The candidates come best first
 * (the rule: same devices and equipment, ended before this file began); choosing one saves it.
 */
export function ContinuesPicker({ file, onSaved }: { file: DataFile; onSaved: () => void }) {
  const { data } = useApi<{ items: Candidate[] }>(file.state === 'ready' ? `/api/v1/data-files/${file.id}/continuation-candidates` : null);
  const [error, setError] = useState<string>();
  const current = file.continues_id ?? null;
  const items = data?.items ?? [];
  const save = (value: string) => {
    setError(undefined);
    apiFetch(`/api/v1/data-files/${file.id}`, { method: 'PATCH', body: { continues_id: value === '' ? null : Number(value) } }).then(onSaved, (e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <>
      <select aria-label="Continues the test of" value={current === null ? '' : String(current)} onChange={(e) => save(e.target.value)}>
        <option value="">— not a continuation —</option>
        {current !== null && !items.some((c) => c.id === current) ? <option value={String(current)}>#{current}</option> : null}
        {items.map((c) => (
          <option key={c.id} value={String(c.id)}>
            {label(c)}
          </option>
        ))}
      </select>
      {error ? <span role="alert"> {error}</span> : null}
    </>
  );
}
