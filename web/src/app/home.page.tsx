import { Link } from 'react-router-dom';
import { useSession } from '../auth/session.context.js';
import { ENTITIES } from '../entities/entity-config.js';
import { AttentionPanel } from '../monitor/attention-panel.js';

export function HomePage() {
  const { user } = useSession();
  return (
    <section>
      <h1>Welcome{user ? `, ${user.full_name || user.username}` : ''}</h1>
      <p>Battery test data: experiments, the devices they ran on, and their cycler files, parsed and plotted.</p>
      <AttentionPanel />
      <ul className="cards">
        {ENTITIES.map((e) => (
          <li key={e.plural}>
            <Link to={`/${e.plural}`}>{e.labelPlural}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
