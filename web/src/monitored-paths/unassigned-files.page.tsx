import type { ApiUnassignedFile } from '../api/api-types.js';
import { useApi } from '../api/use-api.js';
import { useChoices } from '../entities/use-choices.js';
import { ErrorMessage } from '../ui/error-message.js';
import { UnassignedFileRow } from './unassigned-file.row.js';

/** Files harvesters found that no rule of their monitored path placed: a person picks where each goes. */
export function UnassignedFilesPage() {
  const { data, error, reload } = useApi<{ items: ApiUnassignedFile[] }>('/api/v1/unassigned-files');
  const experiments = useChoices('experiments').choices;
  const devices = useChoices('devices').choices;
  const files = data?.items ?? [];
  return (
    <section>
      <h1>Unassigned files</h1>
      <p>Files of monitored paths that no rule placed. Once assigned, the harvester uploads each to its experiment at its next scan.</p>
      <ErrorMessage error={error} />
      {data && files.length === 0 ? <p>No file is waiting.</p> : null}
      {files.length > 0 ? (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Monitored path</th>
              <th scope="col">Size</th>
              <th scope="col">Why it waits</th>
              <th scope="col">Experiment</th>
              <th scope="col">Devices</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <UnassignedFileRow key={f.id} file={f} experiments={experiments} devices={devices} onAssigned={reload} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
