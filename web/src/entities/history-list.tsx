import type { ApiHistoryEntry } from '../api/api-types.js';
import { useApi } from '../api/use-api.js';
import { ErrorMessage } from '../ui/error-message.js';
import { humanise } from './entity-config.js';

type HistoryEntry = ApiHistoryEntry;

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Entries without a user are Liionsden's own (a data file's parse outcome); a removed account shows as unknown. */
const actor = (h: HistoryEntry) => h.username ?? (h.user_id === null ? 'Liionsden (ingest)' : 'unknown');

/** Who changed what and when: each field's old → new value. */
export function HistoryList({ plural, id }: { plural: string; id: string }) {
  const { data, error } = useApi<{ items: HistoryEntry[] } | HistoryEntry[]>(`/api/v1/${plural}/${id}/history`);
  const items = Array.isArray(data) ? data : (data?.items ?? []);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Edit history</h2>
      <ErrorMessage error={error} />
      {data !== undefined && items.length === 0 ? <p className="muted">No changes recorded.</p> : null}
      <ol className="history">
        {items.map((h) => (
          <li key={h.id}>
            <strong>{h.action}</strong> by {actor(h)} on {new Date(h.at).toLocaleString()}
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
