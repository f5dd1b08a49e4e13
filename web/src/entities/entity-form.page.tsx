import { useNavigate, useParams } from 'react-router-dom';
import { useApi } from '../api/use-api.js';
import { ErrorMessage } from '../ui/error-message.js';
import { NotFoundPage } from '../ui/not-found.page.js';
import { entityConfig } from './entity-config.js';
import { EntityForm } from './entity-form.js';
import type { Row } from './entity-list.page.js';

export function EntityCreatePage({ plural: fixed }: { plural?: string }) {
  const params = useParams();
  const plural = fixed ?? params.plural ?? '';
  const navigate = useNavigate();
  const config = entityConfig(plural);
  if (!config) return <NotFoundPage />;
  return (
    <section>
      <h1>New {config.label.toLowerCase()}</h1>
      <EntityForm key={plural} plural={plural} onSaved={(row, another) => !another && navigate(`/${plural}/${row.id}`)} onCancel={() => navigate(-1)} />
    </section>
  );
}

export function EntityEditPage() {
  const { plural = '', id = '' } = useParams();
  const navigate = useNavigate();
  const config = entityConfig(plural);
  const { data, error } = useApi<Row>(config ? `/api/v1/${plural}/${id}` : null);
  if (!config) return <NotFoundPage />;
  return (
    <section>
      <h1>Edit {config.label.toLowerCase()}</h1>
      <ErrorMessage error={error} />
      {data ? <EntityForm key={`${plural}/${id}`} plural={plural} record={data} onSaved={() => navigate(`/${plural}/${id}`)} onCancel={() => navigate(-1)} /> : null}
    </section>
  );
}
