import { useEffect } from 'react';
import { apiFetch } from '../api/api-client.js';
import { useApi } from '../api/use-api.js';
import type { Page } from '../entities/entity-list.page.js';
import { ErrorMessage } from '../ui/error-message.js';
import { columnsOf, errorOf, qualityFlagsOf, type DataFile } from './data-file.types.js';

const POLL_MS = 1500;

function Downloads({ file }: { file: DataFile }) {
  const base = `/api/v1/data-files/${file.id}`;
  return (
    <span className="downloads">
      <a href={`${base}/raw`} download>
        raw
      </a>
      {file.state === 'ready' ? (
        <>
          {' · '}
          <a href={`${base}/export?format=csv`} download>
            CSV
          </a>
          {' · '}
          <a href={`${base}/export?format=parquet`} download>
            Parquet
          </a>
          {' · '}
          <a href={`${base}/export?format=bdf-csv`} download>
            BDF
          </a>
        </>
      ) : null}
    </span>
  );
}

function FileDetails({ file }: { file: DataFile }) {
  const columns = columnsOf(file);
  const flags = qualityFlagsOf(file);
  return (
    <details>
      <summary>
        {columns.length} columns{flags.length > 0 ? `, ${flags.length} quality flag(s)` : ''}
      </summary>
      {flags.length > 0 ? (
        <ul className="flags" aria-label="Data-quality flags">
          {flags.map((f, i) => (
            <li key={i}>⚠ {f}</li>
          ))}
        </ul>
      ) : null}
      <table className="list compact">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Unit</th>
            <th scope="col">Original header</th>
            <th scope="col">Original unit</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr key={c.name + (c.original ?? '')}>
              <td>{c.name}</td>
              <td>{c.unit ?? '—'}</td>
              <td>{c.original ?? '—'}</td>
              <td>{c.originalUnit ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The experiment's data files with their parse state, refreshed while any is still being parsed. */
export function DataFilesPanel({ experimentId, selected, onSelect, refreshKey }: { experimentId: number; selected: number | undefined; onSelect(file: DataFile): void; refreshKey: number }) {
  const { data, error, reload } = useApi<Page<DataFile>>(`/api/v1/data-files?experiment_id=${experimentId}&page_size=100&sort=id`);
  const pending = data?.items.some((f) => f.state === 'queued' || f.state === 'parsing') ?? false;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [pending, reload]);
  useEffect(() => {
    if (refreshKey > 0) reload();
  }, [refreshKey, reload]);
  const firstReady = data?.items.find((f) => f.state === 'ready');
  useEffect(() => {
    if (firstReady && selected === undefined) onSelect(firstReady);
  }, [firstReady, selected, onSelect]);

  return (
    <section aria-labelledby="files-title">
      <h2 id="files-title">Data files</h2>
      <ErrorMessage error={error} />
      {data && data.items.length === 0 ? <p className="muted">No data files yet: upload one below.</p> : null}
      <table className="list" aria-label="Data files">
        <tbody>
          {data?.items.map((f) => (
            <tr key={f.id} aria-selected={f.id === selected}>
              <td>
                <button type="button" className="link" onClick={() => onSelect(f)} disabled={f.state !== 'ready'} aria-pressed={f.id === selected}>
                  {f.original_name ?? f.name}
                </button>
              </td>
              <td>
                <span className={`badge badge-${f.state}`} data-state={f.state}>
                  {f.state}
                </span>
                {f.state === 'failed' ? (
                  <div className="error">
                    {errorOf(f)}{' '}
                    <button type="button" className="small" onClick={() => void apiFetch(`/api/v1/data-files/${f.id}/retry`, { method: 'POST' }).then(reload, reload)}>
                      Retry
                    </button>
                  </div>
                ) : null}
              </td>
              <td>{f.format ?? '—'}</td>
              <td>{f.row_count !== null && f.row_count !== undefined ? `${f.row_count.toLocaleString()} rows` : '—'}</td>
              <td>
                <FileDetails file={f} />
              </td>
              <td>
                <Downloads file={f} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
