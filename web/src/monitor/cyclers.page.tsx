import type { ApiChannel, ApiHarvester } from '../api/api-types.js';
import { useApi } from '../api/use-api.js';
import { ErrorMessage } from '../ui/error-message.js';
import { ChannelTable } from './channel-table.js';
import { HarvesterList } from './harvester-list.js';

/** The channel monitor: the harvesters, and every harvested data file with its state. */
export function CyclersPage() {
  const harvesters = useApi<{ items: ApiHarvester[] }>('/api/v1/harvesters');
  const channels = useApi<{ items: ApiChannel[] }>('/api/v1/monitor/channels');
  return (
    <section>
      <h1>Cyclers</h1>
      <h2>Harvesters</h2>
      <ErrorMessage error={harvesters.error} />
      {harvesters.data ? <HarvesterList harvesters={harvesters.data.items} /> : null}
      <h2>Channels</h2>
      <ErrorMessage error={channels.error} />
      {channels.data && channels.data.items.length === 0 ? <p>No harvested data files yet.</p> : null}
      {channels.data && channels.data.items.length > 0 ? <ChannelTable channels={channels.data.items} /> : null}
      <button type="button" onClick={() => (harvesters.reload(), channels.reload())}>
        Refresh
      </button>
    </section>
  );
}
