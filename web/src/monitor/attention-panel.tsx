import { Link } from 'react-router-dom';
import type { ApiChannel } from '../api/api-types.js';
import { useApi } from '../api/use-api.js';
import { ChannelStateBadge } from './channel-table.js';

/** The home page's short list of stalled or failed channels; nothing at all when there are none. */
export function AttentionPanel() {
  const { data } = useApi<{ items: ApiChannel[] }>('/api/v1/monitor/channels');
  const needy = (data?.items ?? []).filter((c) => c.state === 'stalled' || c.state === 'failed');
  if (needy.length === 0) return null;
  return (
    <aside className="attention" aria-label="Channels needing attention">
      <h2>Channels needing attention</h2>
      <ul>
        {needy.slice(0, 10).map((c) => (
          <li key={c.dataFileId}>
            <ChannelStateBadge state={c.state} /> <Link to={`/data-files/${c.dataFileId}`}>{c.name}</Link> ({c.harvesterName}){c.lastError ? `: ${c.lastError}` : ''}
          </li>
        ))}
      </ul>
      {needy.length > 10 ? <p>and {needy.length - 10} more.</p> : null}
      <Link to="/cyclers">All cyclers</Link>
    </aside>
  );
}
