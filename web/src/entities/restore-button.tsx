import { useState } from 'react';
import { apiFetch } from '../api/api-client.js';
import type { CurrentUser } from '../auth/auth.api.js';

/** Maintainers and administrators see the trash (soft-deleted records) and restore from it, as the API allows. */
export const canSeeTrash = (user: CurrentUser | null): boolean => user?.role === 'maintainer' || user?.role === 'administrator';

/** Restores one deleted record (POST …/{id}/restore), then tells the list to reload. */
export function RestoreButton({ plural, id, name, onRestored }: { plural: string; id: number; name: string; onRestored(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const restore = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await apiFetch(`/api/v1/${plural}/${id}/restore`, { method: 'POST' });
      onRestored();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={restore} disabled={busy} aria-label={`Restore ${name}`}>
        Restore
      </button>
      {error ? (
        <span role="alert" className="error">
          {' '}
          {error}
        </span>
      ) : null}
    </>
  );
}
