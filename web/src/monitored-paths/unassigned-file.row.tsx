import { useState } from 'react';
import { apiFetch } from '../api/api-client.js';
import type { ApiUnassignedFile, ApiUnassignedFileAssignment } from '../api/api-types.js';
import { ChoiceOptions } from '../entities/choice-options.js';
import type { Choice } from '../entities/choices.js';
import { formatBytes } from '../ui/format-bytes.js';
import { ErrorMessage } from '../ui/error-message.js';

/** One waiting file: pick its experiment (and devices) and assign it; the harvester uploads it at its next scan. */
export function UnassignedFileRow({ file, experiments, devices, onAssigned }: { file: ApiUnassignedFile; experiments: Choice[]; devices: Choice[]; onAssigned(): void }) {
  const [experimentId, setExperimentId] = useState<number>();
  const [deviceIds, setDeviceIds] = useState<number[]>([]);
  const [error, setError] = useState<Error>();
  const assign = () => {
    const body: ApiUnassignedFileAssignment = { experiment_id: experimentId!, device_ids: deviceIds };
    apiFetch(`/api/v1/unassigned-files/${file.id}/assign`, { method: 'POST', body })
      .then(onAssigned)
      .catch((e: unknown) => setError(e instanceof Error ? e : new Error(String(e))));
  };
  const id = `unassigned-${file.id}`;
  return (
    <tr>
      <td>{file.name}</td>
      <td>{file.monitored_path_name}</td>
      <td>{formatBytes(file.size_bytes)}</td>
      <td>{file.reason}</td>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-experiment`}>
          Experiment for {file.name}
        </label>
        <select id={`${id}-experiment`} value={experimentId ?? ''} onChange={(e) => setExperimentId(e.target.value ? Number(e.target.value) : undefined)}>
          <ChoiceOptions choices={experiments} empty="(choose)" />
        </select>
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-devices`}>
          Devices for {file.name}
        </label>
        <select id={`${id}-devices`} multiple size={Math.min(4, Math.max(2, devices.length))} value={deviceIds.map(String)} onChange={(e) => setDeviceIds(Array.from(e.target.selectedOptions, (o) => Number(o.value)))}>
          <ChoiceOptions choices={devices} />
        </select>
      </td>
      <td>
        <button type="button" className="primary" disabled={experimentId === undefined} onClick={assign} aria-label={`Assign ${file.name}`}>
          Assign
        </button>
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}
