import type { ApiHarvester } from '../api/api-types.js';
import { formatInstant } from './monitor-format.js';

/** The harvesters: online (a heartbeat within 3 intervals) or offline, last seen, what they watch. */
export function HarvesterList({ harvesters }: { harvesters: ApiHarvester[] }) {
  if (harvesters.length === 0) return <p>No harvester has reported yet: start one with <code>liionsden harvest</code>.</p>;
  return (
    <table className="harvesters">
      <thead>
        <tr>
          <th>Harvester</th>
          <th>Status</th>
          <th>Host</th>
          <th>Last seen</th>
          <th>Files</th>
          <th>Version</th>
          <th>Last error</th>
        </tr>
      </thead>
      <tbody>
        {harvesters.map((h) => (
          <tr key={h.id} data-harvester={h.name}>
            <td>{h.name}</td>
            <td>
              <span className={`badge ${h.online ? 'badge-ready' : 'badge-failed'}`}>{h.online ? 'online' : 'offline'}</span>
            </td>
            <td>{h.host}</td>
            <td>{formatInstant(h.lastSeenAt)}</td>
            <td className="num">{h.files}</td>
            <td>{h.version}</td>
            <td>{h.lastError ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
