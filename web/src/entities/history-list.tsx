import type { ApiHistoryEntry } from '../api/api-types.js';
import { useApi } from '../api/use-api.js';
import { ErrorMessage } from '../ui/error-message.js';
import { humanise } from './entity-config.js';

type HistoryEntry = ApiHistoryEntry;

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Who changed what and when: each field's old → new value. */
export function HistoryList({ plural, id }: { plural: string; id: string }) {
  const { data, error } = useApi<{ items: HistoryEntry[] } | HistoryEntry[]>(`/api/v1/${plural}/${id}/history`);
  const items = Array.isArray(data) ? data : (data?.items ?? []);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Edit history</h2>
      <ErrorMessage error={error} />
      <ol className="history">
        {items.map((h) => (
          <li key={h.id}>
            <strong>{h.action}</strong> by {h.username ?? 'unknown'} on {new Date(h.at).toLocaleString()}
            {h.action === 'update' ? (
              <ul>
                {Object.entries(h.changes).map(([field, c]) => (
                  <li key={field}>
                    {humanise(field)}: <del>{show(c.old)}</del> → <ins>{show(c.new)}</ins>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
