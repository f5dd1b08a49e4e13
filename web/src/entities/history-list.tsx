import type { ApiHistoryEntry } from '../api/api-types.js';
import { useApi } from '../api/use-api.js';
import { ErrorMessage } from '../ui/error-message.js';
import { humanise } from './entity-config.js';

type HistoryEntry = ApiHistoryEntry;

/** A logged value in words: lists of records by their count, an error by its message, other objects as JSON. */
function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return v.length > 0 ? v.join(', ') : '(none)';
    return `${v.length} ${v.length === 1 ? 'entry' : 'entries'}`;
  }
  if (typeof v === 'object') {
    const message = (v as { message?: unknown }).message;
    return typeof message === 'string' ? message : JSON.stringify(v);
  }
  return String(v);
}

/** Changes worth listing: every field of an update; of a create only a child list logged on its own (devices, parameter values). */
const listed = (h: HistoryEntry) => h.action === 'update' || (h.action === 'create' && Object.values(h.changes).every((c) => Array.isArray(c.new)));

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
            {listed(h) ? (
              <ul>
                {Object.entries(h.changes).map(([field, c]) =>
                  h.action === 'create' ? (
                    <li key={field}>
                      {humanise(field)}: {show(c.new)}
                    </li>
                  ) : (
                    <li key={field}>
                      {humanise(field)}: <del>{show(c.old)}</del> → <ins>{show(c.new)}</ins>
                    </li>
                  ),
                )}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
