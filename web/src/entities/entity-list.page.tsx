import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { withQuery } from '../api/api-client.js';
import { useApi } from '../api/use-api.js';
import { hasRole } from '../auth/auth.api.js';
import { useSession } from '../auth/session.context.js';
import { ErrorMessage } from '../ui/error-message.js';
import { NotFoundPage } from '../ui/not-found.page.js';
import { entityConfig, humanise, type EntityUiConfig } from './entity-config.js';
import { ListFilters } from './list-filters.js';
import { Pagination } from './pagination.js';
import { CompareLink } from '../compare/compare-link.js';
import { canSeeTrash, RestoreButton } from './restore-button.js';
import { useOpenApi } from './use-openapi.js';
import { ValueCell } from './value-cell.js';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export type Row = Record<string, unknown> & { id: number; name?: string };

const PAGE_SIZE = 25;

function SortHeader({ field, params, onSort }: { field: string; params: URLSearchParams; onSort(field: string): void }) {
  const sort = params.get('sort') ?? '';
  const state = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  return (
    <th aria-sort={state} scope="col">
      <button type="button" className="sort" onClick={() => onSort(field)}>
        {humanise(field)} {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : ''}
      </button>
    </th>
  );
}

function ListTable({ config, params, setParams }: { config: EntityUiConfig; params: URLSearchParams; setParams(p: URLSearchParams): void }) {
  const doc = useOpenApi();
  const { user } = useSession();
  const apiPath = `/api/v1/${config.plural}`;
  // `?trash=1`: the soft-deleted records (maintainers and administrators only, as the API decides).
  const trash = params.get('trash') === '1' && canSeeTrash(user);
  const query = useMemo(() => {
    const q: Record<string, string> = { page_size: String(PAGE_SIZE) };
    params.forEach((v, k) => (q[k] = v));
    delete q.trash;
    return q;
  }, [params]);
  const { data, error, loading, reload } = useApi<Page<Row>>(withQuery(trash ? `${apiPath}/deleted` : apiPath, query));
  const sortable = useMemo(() => {
    const sortParam = doc ? (doc.paths[apiPath]?.get?.parameters ?? []).find((p) => p.name === 'sort') : undefined;
    const text = sortParam?.schema?.description ?? sortParam?.description ?? '';
    const fields = text.split('Fields:')[1];
    return new Set(fields ? fields.split(',').map((s) => s.trim()) : ['name']);
  }, [doc, apiPath]);

  const update = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'page') next.delete('page');
    setParams(next);
  };
  const onSort = (field: string) => update('sort', params.get('sort') === field ? `-${field}` : field);
  const exportQuery = { ...query, page: undefined, page_size: undefined };
  const columns = ['name', ...config.columns.filter((c) => !data || data.items.length === 0 || c in data.items[0])];

  return (
    <>
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">Search {config.labelPlural.toLowerCase()}</span>
          <input type="search" placeholder={`Search ${config.labelPlural.toLowerCase()}…`} value={params.get('q') ?? ''} onChange={(e) => update('q', e.target.value)} />
        </label>
        <a className="button" href={withQuery(`${apiPath}/export`, { ...exportQuery, format: 'csv' })} download>
          Export CSV
        </a>
        <a className="button" href={withQuery(`${apiPath}/export`, { ...exportQuery, format: 'json' })} download>
          Export JSON
        </a>
        {canSeeTrash(user) ? (
          <label>
            <input type="checkbox" checked={trash} onChange={(e) => update('trash', e.target.checked ? '1' : '')} /> Show deleted
          </label>
        ) : null}
        {config.creatable !== false && hasRole(user, 'contributor') ? (
          <Link className="button primary" to={`/${config.plural}/new`}>
            New {config.label.toLowerCase()}
          </Link>
        ) : null}
      </div>
      {doc ? <ListFilters doc={doc} plural={config.plural} params={params} onChange={update} /> : null}
      <ErrorMessage error={error} />
      <table className="list" aria-busy={loading}>
        <thead>
          <tr>
            {columns.map((c) => (sortable.has(c) ? <SortHeader key={c} field={c} params={params} onSort={onSort} /> : <th key={c} scope="col">{humanise(c)}</th>))}
            {trash ? <th scope="col">Deleted record</th> : null}
          </tr>
        </thead>
        <tbody>
          {data?.items.map((row) => (
            <tr key={row.id}>
              {columns.map((c) => (
                <td key={c}>
                  {c === 'name' && !trash ? <Link to={`/${config.plural}/${row.id}`}>{String(row.name ?? `#${row.id}`)}</Link> : c === 'name' ? String(row.name ?? `#${row.id}`) : <ValueCell field={c} value={row[c]} plural={config.plural} />}
                </td>
              ))}
              {trash ? (
                <td>
                  <RestoreButton plural={config.plural} id={row.id} name={String(row.name ?? `#${row.id}`)} onRestored={reload} />
                </td>
              ) : null}
            </tr>
          ))}
          {data && data.items.length === 0 ? (
            <tr>
              <td colSpan={columns.length + (trash ? 1 : 0)}>{trash ? 'No deleted records.' : 'Nothing found.'}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {data ? <Pagination page={data.page} pageSize={data.page_size} total={data.total} onPage={(p) => update('page', String(p))} /> : null}
      {/* The parsed data files listed (after search and filters) overlaid in one click. */}
      {config.plural === 'data-files' && data && !trash ? <CompareLink files={data.items} /> : null}
    </>
  );
}

/** The list of any entity: search, filters, sortable columns, pages and exports, all kept in the URL. */
export function EntityListPage() {
  const { plural = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const config = entityConfig(plural);
  if (!config) return <NotFoundPage />;
  return (
    <section>
      <h1>{config.labelPlural}</h1>
      <ListTable config={config} params={params} setParams={(p) => setParams(p, { replace: true })} />
    </section>
  );
}
