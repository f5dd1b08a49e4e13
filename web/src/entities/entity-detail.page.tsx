import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { useApi } from '../api/use-api.js';
import { ErrorMessage } from '../ui/error-message.js';
import { NotFoundPage } from '../ui/not-found.page.js';
import { AttachmentControl } from './attachment-control.js';
import { entityConfig, humanise } from './entity-config.js';
import type { Row } from './entity-list.page.js';
import { HistoryList } from './history-list.js';
import { isParameterValueList, ParameterValuesTable } from './parameter-values.view.js';
import { RecordActions } from './record-actions.js';
import { RelatedLists } from './related-lists.js';
import { useOpenApi } from './use-openapi.js';
import { ValueCell } from './value-cell.js';

// Not fields of the record: its id and name head the page; can_edit decides which controls it shows.
const HIDDEN = new Set(['id', 'name', 'can_edit']);

/** All fields of a record as a definition list, references linked, parameter values as a table. */
export function RecordFields({ plural, record }: { plural: string; record: Row }) {
  // A specification's effective values include its own (marked not inherited): one table says it all.
  const hidden = (k: string) => HIDDEN.has(k) || k === 'owner_username' || (k === 'parameter_values' && isParameterValueList(record.effective_parameter_values));
  return (
    <dl className="fields">
      {Object.entries(record)
        .filter(([k]) => !hidden(k))
        .map(([k, v]) =>
          isParameterValueList(v) ? (
            <div key={k} className="wide">
              <dt>{humanise(k)}</dt>
              <dd>
                <ParameterValuesTable values={v} label={humanise(k)} />
              </dd>
            </div>
          ) : (
            <div key={k}>
              <dt>{humanise(k)}</dt>
              <dd>{k === 'owner_id' && typeof record.owner_username === 'string' ? record.owner_username : <ValueCell field={k} value={v} plural={plural} />}</dd>
            </div>
          ),
        )}
    </dl>
  );
}

/** Detail page of any entity; `extra` lets a specific page (experiments) add its own sections. */
export function EntityDetail({ plural, id, extra }: { plural: string; id: string; extra?: (record: Row) => ReactNode }) {
  const config = entityConfig(plural);
  const doc = useOpenApi();
  const { data: record, error, reload } = useApi<Row>(`/api/v1/${plural}/${id}`);
  if (!config) return <NotFoundPage />;
  if (error) return <ErrorMessage error={error} />;
  if (!record) return <p aria-busy="true">Loading…</p>;
  return (
    <article>
      <p className="breadcrumb">{config.label}</p>
      <h1>{String(record.name ?? `#${record.id}`)}</h1>
      <RecordActions config={config} record={record} onChanged={reload} />
      {extra?.(record)}
      <AttachmentControl config={config} record={record} onChanged={reload} />
      <details open={!extra}>
        <summary>All fields</summary>
        <RecordFields plural={plural} record={record} />
      </details>
      {doc ? <RelatedLists doc={doc} plural={plural} id={id} exclude={extra ? ['data-files'] : []} /> : null}
      <HistoryList plural={plural} id={id} />
    </article>
  );
}

export function EntityDetailPage() {
  const { plural = '', id = '' } = useParams();
  if (!/^\d+$/.test(id)) return <NotFoundPage />;
  return <EntityDetail key={`${plural}/${id}`} plural={plural} id={id} />;
}
