import { useId } from 'react';
import { useSearchParam } from '../app/use-search-param.js';
import { withQuery } from '../api/api-client.js';
import { useApi } from '../api/use-api.js';
import { useChoices } from '../entities/use-choices.js';
import { useOpenApi } from '../entities/use-openapi.js';
import type { CapacityUnit } from '../plots/cycles.api.js';
import { ErrorMessage } from '../ui/error-message.js';
import type { ApiBatchStatistics } from '../api/api-types.js';
import { BatchStatisticsView } from './batch-statistics.view.js';

/** Statistics of a batch's devices (mean, spread, fade rate), when the API offers them. */
export function BatchStatistics({ unit }: { unit: CapacityUnit }) {
  const doc = useOpenApi();
  const id = useId();
  const { choices } = useChoices('batches');
  const [batchText, setBatchText] = useSearchParam('batch');
  const batch = batchText && /^\d+$/.test(batchText) ? Number(batchText) : undefined;
  const { choices: devices } = useChoices(batch ? 'devices' : undefined, { batch_id: batch });
  const path = doc ? Object.keys(doc.paths).find((p) => p.startsWith('/api/v1/batches/{id}/') && /stat/.test(p)) : undefined;
  const { data, error } = useApi<ApiBatchStatistics>(path && batch ? withQuery(path.replace('{id}', String(batch)), { unit: unit === 'Ah' ? undefined : unit }) : null);
  if (!path) return null;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Batch statistics</h2>
      <label htmlFor={id}>Batch</label>{' '}
      <select id={id} value={batch ?? ''} onChange={(e) => setBatchText(e.target.value)} style={{ maxWidth: 320 }}>
        <option value="">(choose a batch)</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <ErrorMessage error={error} />
      {batch && data ? <BatchStatisticsView body={data} devices={devices} /> : null}
    </section>
  );
}
