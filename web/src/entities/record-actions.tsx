import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { apiFetch } from '../api/api-client.js';
import { ErrorMessage } from '../ui/error-message.js';
import { entityConfig, type EntityUiConfig } from './entity-config.js';
import type { Row } from './entity-list.page.js';
import { invalidateChoices } from './use-choices.js';

/** Edit, make public / private, and soft delete (with confirmation) for one record. */
export function RecordActions({ config, record, onChanged }: { config: EntityUiConfig; record: Row; onChanged(): void }) {
  const navigate = useNavigate();
  const [error, setError] = useState<Error>();
  const [confirming, setConfirming] = useState(false);
  // Shown at once (optimistic); the record reloads when the API has answered.
  const [wantPublic, setWantPublic] = useState<boolean>();
  const isPublic = wantPublic ?? record.status === 'public';

  async function run(action: () => Promise<unknown>, after: () => void) {
    try {
      setError(undefined);
      await action();
      invalidateChoices(config.plural);
      after();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }

  // The API says whether this user may change the record (can_edit); a reader sees no controls.
  if (record.can_edit === false) return null;
  return (
    <div className="record-actions">
      <Link className="button" to={`/${config.plural}/${record.id}/edit`}>
        Edit
      </Link>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={isPublic}
          onChange={() => {
            setWantPublic(!isPublic);
            void run(
              () => apiFetch(`/api/v1/${config.plural}/${record.id}`, { method: 'PATCH', body: { status: isPublic ? 'private' : 'public' } }),
              onChanged,
            ).finally(() => setWantPublic(undefined));
          }}
        />{' '}
        Public
      </label>
      {confirming ? (
        <span role="alertdialog" aria-label="Confirm deletion" className="confirm">
          Delete “{String(record.name ?? record.id)}”?{' '}
          <GoesWithIt record={record} />
          <button type="button" className="danger" onClick={() => run(() => apiFetch(`/api/v1/${config.plural}/${record.id}`, { method: 'DELETE' }), () => navigate(`/${config.plural}`))}>
            Yes, delete
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </span>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Delete
        </button>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}

/** What a delete takes along: the records that depend on this one (the API's `dependents`) are hidden with it until it is restored. */
function GoesWithIt({ record }: { record: Row }) {
  const dependents = ((record.dependents ?? []) as { path: string; count: number }[]).filter((d) => d.count > 0);
  if (dependents.length === 0) return null;
  const what = dependents.map((d) => {
    const config = entityConfig(d.path);
    const noun = d.count === 1 ? (config?.label ?? d.path).toLowerCase() : (config?.labelPlural ?? d.path).toLowerCase();
    return `${d.count.toLocaleString('en')} ${noun}`;
  });
  const verb = dependents.length === 1 && dependents[0].count === 1 ? 'goes' : 'go';
  return (
    <>
      Its {what.join(' and ')} {verb} with it: hidden from everyone until it is restored.{' '}
    </>
  );
}
