import { useState } from 'react';
import { apiFetch, csrfHeaders } from '../api/api-client.js';
import type { EntityUiConfig } from './entity-config.js';
import type { Row } from './entity-list.page.js';

/** The file a record carries (spec sheet, reference PDF): download, attach or replace, remove. */
export function AttachmentControl({ config, record, onChanged }: { config: EntityUiConfig; record: Row; onChanged(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const attachment = config.attachment;
  if (!attachment) return null;
  const url = `/api/v1/${config.plural}/${record.id}/${attachment.path}`;
  const name = record[attachment.nameField];

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const upload = (file: File) =>
    run(async () => {
      const form = new FormData();
      form.append('file', file, file.name);
      const res = await fetch(url, { method: 'PUT', body: form, headers: csrfHeaders(), credentials: 'same-origin' });
      if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: { message?: string } }).error?.message ?? `Upload failed (${res.status})`);
    });

  // Only those who may change the record get the controls (the API says who: can_edit).
  const editable = record.can_edit !== false;
  return (
    <section aria-label={attachment.label} className="attachment">
      <h2>{attachment.label}</h2>
      {typeof name === 'string' ? (
        <p>
          <a href={url} download={name}>
            {name}
          </a>{' '}
          {editable ? (
            <button type="button" disabled={busy} onClick={() => run(() => apiFetch(url, { method: 'DELETE' }))}>
              Remove
            </button>
          ) : null}
        </p>
      ) : (
        <p className="muted">None attached.</p>
      )}
      {editable ? (
        <label className="button">
          {typeof name === 'string' ? 'Replace…' : 'Attach…'}
          <input type="file" className="visually-hidden" accept={attachment.accept} disabled={busy} aria-label={`Choose the ${attachment.label.toLowerCase()} file`} onChange={(e) => e.target.files?.[0] && upload(e.target.files[0])} />
        </label>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
