import { useId, useState } from 'react';
import { withQuery } from '../api/api-client.js';
import { useApi } from '../api/use-api.js';
import { humanise } from '../entities/entity-config.js';
import { useChoices } from '../entities/use-choices.js';
import { useOpenApi } from '../entities/use-openapi.js';
import type { CapacityUnit } from '../plots/cycles.api.js';
import { ErrorMessage } from '../ui/error-message.js';

function StatsTable({ value }: { value: unknown }) {
  if (value === null || typeof value !== 'object') return <span>{String(value)}</span>;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v] as const) : Object.entries(value);
  return (
    <table className="list compact">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{humanise(k)}</th>
            <td>{typeof v === 'number' ? v.toPrecision(4) : v !== null && typeof v === 'object' ? <StatsTable value={v} /> : String(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Statistics of a batch's devices (mean, spread, fade rate), when the API offers them. */
export function BatchStatistics({ unit }: { unit: CapacityUnit }) {
  const doc = useOpenApi();
  const id = useId();
  const { choices } = useChoices('batches');
  const [batch, setBatch] = useState<number>();
  const path = doc ? Object.keys(doc.paths).find((p) => p.startsWith('/api/v1/batches/{id}/') && /stat/.test(p)) : undefined;
  const { data, error } = useApi<unknown>(path && batch ? withQuery(path.replace('{id}', String(batch)), { unit: unit === 'Ah' ? undefined : unit }) : null);
  if (!path) return null;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Batch statistics</h2>
      <label htmlFor={id}>Batch</label>{' '}
      <select id={id} value={batch ?? ''} onChange={(e) => setBatch(e.target.value ? Number(e.target.value) : undefined)} style={{ maxWidth: 320 }}>
        <option value="">(choose a batch)</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <ErrorMessage error={error} />
      {batch && data ? <StatsTable value={data} /> : null}
    </section>
  );
}
