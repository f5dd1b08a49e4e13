import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { CompareLink } from '../compare/compare-link.js';
import { useApi } from '../api/use-api.js';
import { useReloadWhile } from '../api/use-reload-while.js';
import type { Page } from '../entities/entity-list.page.js';
import { ErrorMessage } from '../ui/error-message.js';
import { ColumnsTable, Downloads, FileState, QualityFlags } from './data-file-parts.js';
import { columnsOf, isParsing, qualityFlagsOf, type DataFile } from './data-file.types.js';

function FileDetails({ file }: { file: DataFile }) {
  const columns = columnsOf(file).length;
  const flags = qualityFlagsOf(file).length;
  return (
    <details>
      <summary>
        {columns} columns{flags > 0 ? `, ${flags} quality flag(s)` : ''}
      </summary>
      <QualityFlags file={file} />
      <ColumnsTable file={file} />
    </details>
  );
}

/** The experiment's data files with their parse state, refreshed while any is still being parsed. */
export function DataFilesPanel({ experimentId, selected, onSelect, refreshKey }: { experimentId: number; selected: number | undefined; onSelect(file: DataFile): void; refreshKey: number }) {
  const { data, error, reload } = useApi<Page<DataFile>>(`/api/v1/data-files?experiment_id=${experimentId}&page_size=100&sort=id`);
  useReloadWhile(data?.items.some(isParsing) ?? false, reload);
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
      {/* The file being plotted below is already there on its own: from two on. */}
      <CompareLink files={data?.items ?? []} min={2} />
      <table className="list" aria-label="Data files">
        <tbody>
          {data?.items.map((f) => (
            <tr key={f.id} aria-selected={f.id === selected}>
              <td>
                <button type="button" className="link" onClick={() => onSelect(f)} disabled={f.state !== 'ready'} aria-pressed={f.id === selected}>
                  {f.original_name ?? f.name}
                </button>{' '}
                <Link className="small" to={`/data-files/${f.id}`} aria-label={`Details of ${f.original_name ?? f.name}`}>
                  details
                </Link>
              </td>
              <td>
                <FileState file={f} onRetried={reload} />
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
