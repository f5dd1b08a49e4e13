import { apiFetch } from '../api/api-client.js';
import { columnsOf, errorOf, qualityFlagsOf, type DataFile } from './data-file.types.js';

/** The raw file, and the normalised series in each export format once parsed. */
export function Downloads({ file }: { file: DataFile }) {
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

/** The parse state as a badge; a failed file shows its error and a Retry button. */
export function FileState({ file, onRetried }: { file: DataFile; onRetried(): void }) {
  return (
    <>
      <span className={`badge badge-${file.state}`} data-state={file.state}>
        {file.state}
      </span>
      {file.state === 'failed' ? (
        <div className="error">
          {errorOf(file)}{' '}
          {file.can_edit ? (
            <button type="button" className="small" onClick={() => void apiFetch(`/api/v1/data-files/${file.id}/retry`, { method: 'POST' }).then(onRetried, onRetried)}>
              Retry
            </button>
          ) : null}
          <DetectionReasons file={file} />
        </div>
      ) : null}
    </>
  );
}

/**
 * Why no parser took the file, one line per parser (those that knew the extension first): a CSV that no
 * vendor's layout fits is a case for a column mapping.
 */
function DetectionReasons({ file }: { file: DataFile }) {
  const reasons = (file.error as { reasons?: unknown } | null | undefined)?.reasons;
  if (!Array.isArray(reasons) || reasons.length === 0) return null;
  const lines = reasons.map(String);
  const ordered = [...lines.filter((r) => r.includes('extension matches')), ...lines.filter((r) => !r.includes('extension matches'))];
  return (
    <details className="reasons">
      <summary>Parsers tried ({lines.length})</summary>
      <ul>
        {ordered.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <p className="muted">A delimited file in a layout of its own can be read with a column mapping: upload it again and choose the columns.</p>
    </details>
  );
}

/** The data-quality flags found on ingest, one line each (nothing when there are none). */
export function QualityFlags({ file }: { file: DataFile }) {
  const flags = qualityFlagsOf(file);
  if (flags.length === 0) return null;
  return (
    <ul className="flags" aria-label="Data-quality flags">
      {flags.map((f, i) => (
        <li key={i}>⚠ {f}</li>
      ))}
    </ul>
  );
}

/** Each stored column: its canonical name and SI unit beside the vendor's header and unit. */
export function ColumnsTable({ file }: { file: DataFile }) {
  return (
    <table className="list compact" aria-label="Columns">
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Unit</th>
          <th scope="col">Original header</th>
          <th scope="col">Original unit</th>
        </tr>
      </thead>
      <tbody>
        {columnsOf(file).map((c) => (
          <tr key={c.name + (c.original ?? '')}>
            <td>{c.name}</td>
            <td>{c.unit ?? '—'}</td>
            <td>{c.original ?? '—'}</td>
            <td>{c.originalUnit ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
