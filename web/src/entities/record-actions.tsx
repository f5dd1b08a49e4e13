import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { apiFetch } from '../api/api-client.js';
import { ErrorMessage } from '../ui/error-message.js';
import type { EntityUiConfig } from './entity-config.js';
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
