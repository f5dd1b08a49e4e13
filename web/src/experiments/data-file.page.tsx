import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useApi } from '../api/use-api.js';
import { useReloadWhile } from '../api/use-reload-while.js';
import { EntityDetail } from '../entities/entity-detail.page.js';
import { ValueCell } from '../entities/value-cell.js';
import { ErrorBoundary } from '../ui/error-boundary.js';
import { formatBytes } from '../ui/format-bytes.js';
import { NotFoundPage } from '../ui/not-found.page.js';
import { ColumnsTable, Downloads, FileState, QualityFlags } from './data-file-parts.js';
import { ContinuesPicker } from './data-file-continues.js';
import { DataFilePlots } from './data-file-plots.js';
import { isParsing, type DataFile } from './data-file.types.js';

interface ParserWarning {
  code?: string;
  message?: string;
}

/** The parser's header metadata as label → text; its warnings are listed on their own. */
function metadataEntries(metadata: unknown): { entries: [string, string][]; warnings: ParserWarning[] } {
  if (!metadata || typeof metadata !== 'object') return { entries: [], warnings: [] };
  // counters: how normalisation read the vendor's capacity counters (shown with the columns' values, not a header field).
  const { warnings, counters: _counters, ...rest } = metadata as Record<string, unknown>;
  const entries = Object.entries(rest)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]): [string, string] => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
  return { entries, warnings: Array.isArray(warnings) ? (warnings as ParserWarning[]) : [] };
}

/** What a scientist looks for first: state, format, size, downloads, warnings, columns, header metadata and plots. */
function DataFileOverview({ record }: { record: DataFile }) {
  // A file still being parsed (or retried) is followed to its end.
  const [follow, setFollow] = useState(isParsing(record));
  const { data: latest, reload } = useApi<DataFile>(follow ? `/api/v1/data-files/${record.id}` : null);
  const file = latest ?? record;
  useReloadWhile(isParsing(file), reload);
  // After a retry or a change: read the file again (and follow it while it is parsed).
  const refresh = () => {
    setFollow(true);
    reload();
  };
  const { entries, warnings } = metadataEntries(file.metadata);

  return (
    <>
      <dl className="fields" aria-label="Data file summary">
        <div>
          <dt>State</dt>
          <dd>
            <FileState file={file} onRetried={refresh} />
          </dd>
        </div>
        <div>
          <dt>Experiment</dt>
          <dd>
            <ValueCell field="experiment_id" value={file.experiment_id} plural="data-files" />
          </dd>
        </div>
        <div>
          <dt>Format</dt>
          <dd>{file.format ? `${file.format}${file.parser_version ? ` (parser ${file.parser_version})` : ''}` : '—'}</dd>
        </div>
        <div>
          <dt>Rows</dt>
          <dd>{file.row_count !== null ? file.row_count.toLocaleString() : '—'}</dd>
        </div>
        <div>
          <dt>File size</dt>
          <dd>{formatBytes(file.size_bytes)}</dd>
        </div>
        <div>
          <dt>Recorded at</dt>
          <dd>{file.recorded_at ? `${new Date(file.recorded_at).toLocaleString()}${file.timezone ? ` (${file.timezone})` : ''}` : '—'}</dd>
        </div>
        <div>
          <dt>Continues</dt>
          <dd>
            <ContinuesPicker file={file} onSaved={refresh} />
          </dd>
        </div>
        <div>
          <dt>Download</dt>
          <dd>
            <Downloads file={file} />
          </dd>
        </div>
      </dl>
      {warnings.length > 0 ? (
        <section aria-labelledby="warnings-title">
          <h2 id="warnings-title">Parser warnings</h2>
          <ul className="flags">
            {warnings.map((w, i) => (
              <li key={i}>
                ⚠ {w.message ?? w.code}
                {w.code && w.message ? <span className="muted"> ({w.code})</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <QualityFlags file={file} />
      {file.state === 'ready' ? (
        <ErrorBoundary resetKey={String(file.id)}>
          <DataFilePlots file={file} withTables />
        </ErrorBoundary>
      ) : null}
      {file.state === 'failed' ? null : (
        <section aria-labelledby="columns-title">
          <h2 id="columns-title">Columns</h2>
          {file.state === 'ready' ? <ColumnsTable file={file} /> : <p className="muted">Known once the file is parsed.</p>}
        </section>
      )}
      {entries.length > 0 ? (
        <section aria-labelledby="header-title">
          <h2 id="header-title">From the file&apos;s header</h2>
          <dl className="fields" aria-label="Header metadata">
            {entries.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </>
  );
}

/** A data file: its summary, downloads, plots and columns above the generic record fields. */
export function DataFilePage() {
  const { id = '' } = useParams();
  if (!/^\d+$/.test(id)) return <NotFoundPage />;
  return <EntityDetail key={id} plural="data-files" id={id} extra={(record) => <DataFileOverview record={record as unknown as DataFile} />} />;
}
