import { useCallback, useState } from 'react';
import { useParams } from 'react-router-dom';
import { hasRole } from '../auth/auth.api.js';
import { useSession } from '../auth/session.context.js';
import { EntityDetail } from '../entities/entity-detail.page.js';
import type { Row } from '../entities/entity-list.page.js';
import { ErrorBoundary } from '../ui/error-boundary.js';
import { NotFoundPage } from '../ui/not-found.page.js';
import { UploadPanel } from '../upload/upload-panel.js';
import { DataFilePlots } from './data-file-plots.js';
import type { DataFile } from './data-file.types.js';
import { DataFilesPanel } from './data-files-panel.js';

function ExperimentData({ experiment }: { experiment: Row }) {
  const { user } = useSession();
  const [selected, setSelected] = useState<DataFile>();
  const [refreshKey, setRefreshKey] = useState(0);
  const select = useCallback((f: DataFile) => setSelected(f), []);
  return (
    <>
      <DataFilesPanel experimentId={experiment.id} selected={selected?.id} onSelect={select} refreshKey={refreshKey} />
      <ErrorBoundary resetKey={String(selected?.id)}>{selected ? <DataFilePlots file={selected} /> : <div className="plot-placeholder muted">Plots appear when a data file is ready.</div>}</ErrorBoundary>
      {hasRole(user, 'contributor') ? <UploadPanel experimentId={experiment.id} onUploaded={() => setRefreshKey((k) => k + 1)} /> : null}
    </>
  );
}

/** An experiment: its record and related devices, plus data files, plots and upload. */
export function ExperimentPage() {
  const { id = '' } = useParams();
  if (!/^\d+$/.test(id)) return <NotFoundPage />;
  return <EntityDetail key={id} plural="experiments" id={id} extra={(record) => <ExperimentData experiment={record} />} />;
}
