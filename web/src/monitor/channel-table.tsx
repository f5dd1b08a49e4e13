import { Link } from 'react-router-dom';
import type { ApiChannel } from '../api/api-types.js';
import { formatDuration, formatInstant } from './monitor-format.js';

/** The state of a channel as a coloured badge (running, stalled, finished, failed). */
export function ChannelStateBadge({ state }: { state: ApiChannel['state'] }) {
  return <span className={`badge badge-channel-${state}`}>{state}</span>;
}

/** One row per harvested data file: state, rows, rate, last row time, and a link to the file. */
export function ChannelTable({ channels }: { channels: ApiChannel[] }) {
  return (
    <table className="channels">
      <thead>
        <tr>
          <th>Data file</th>
          <th>Harvester</th>
          <th>State</th>
          <th>Rows</th>
          <th>Rate (rows/h)</th>
          <th>Last test time</th>
          <th>Last append</th>
          <th>Last error</th>
        </tr>
      </thead>
      <tbody>
        {channels.map((c) => (
          <tr key={c.dataFileId} data-channel={c.name}>
            <td>
              <Link to={`/data-files/${c.dataFileId}`}>{c.name}</Link>
            </td>
            <td>{c.harvesterName}</td>
            <td>
              <ChannelStateBadge state={c.state} />
            </td>
            <td className="num">{c.rows ?? '–'}</td>
            <td className="num">{c.rateRowsPerHour ?? '–'}</td>
            <td className="num">{c.lastTestTimeS === null ? '–' : formatDuration(c.lastTestTimeS)}</td>
            <td title={`usual interval ${formatDuration(c.usualIntervalS)}`}>
              {formatInstant(c.lastAppendAt)} ({formatDuration(c.idleS)} ago)
            </td>
            <td>{c.lastError ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
