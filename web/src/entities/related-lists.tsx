import { Link } from 'react-router-dom';
import type { OpenApiDocument } from '../api/openapi-spec.js';
import { useApi } from '../api/use-api.js';
import { CompareLink } from '../compare/compare-link.js';
import { ErrorMessage } from '../ui/error-message.js';
import { entityConfig, humanise } from './entity-config.js';
import type { Page, Row } from './entity-list.page.js';
import { ValueCell } from './value-cell.js';

// Sub-resources under /{id}/ that are not pages of related records (data endpoints, summaries).
const NOT_RELATED = new Set(['history', 'files', 'series', 'cycles', 'steps', 'dqdv', 'voltage-capacity', 'export', 'statistics', 'retry', 'reprocess']);

/** The related lists the API offers for an entity: GET /api/v1/<plural>/{id}/<name> returning a JSON page (not a file such as a spec sheet). */
export function relatedPathsOf(doc: OpenApiDocument, plural: string): string[] {
  const prefix = `/api/v1/${plural}/{id}/`;
  const returnsJson = (path: string) => Object.keys(doc.paths[path].get?.responses?.['200']?.content ?? {}).includes('application/json');
  return Object.keys(doc.paths)
    .filter((p) => p.startsWith(prefix) && doc.paths[p].get && !p.slice(prefix.length).includes('/') && returnsJson(p))
    .map((p) => p.slice(prefix.length))
    .filter((name) => !NOT_RELATED.has(name));
}

function RelatedList({ plural, id, name }: { plural: string; id: string; name: string }) {
  const { data: body, error } = useApi<Page<Row>>(`/api/v1/${plural}/${id}/${name}?page_size=100`);
  // Anything that is not a page of records is not shown as a list (rather than breaking the page).
  const data = body && Array.isArray(body.items) ? body : undefined;
  const target = name === 'children' ? plural : entityConfig(name) ? name : undefined;
  const extra = target ? (entityConfig(target)?.columns ?? []).filter((c) => c !== 'status').slice(0, 3) : [];
  return (
    <section aria-label={humanise(name)}>
      <h3>
        {humanise(name)} {data ? <span className="count">({data.total})</span> : null}
      </h3>
      <ErrorMessage error={error} />
      {data && data.items.length > 0 ? (
        <table className="list compact">
          <thead>
            <tr>
              <th scope="col">Name</th>
              {extra.map((c) => (
                <th key={c} scope="col">
                  {humanise(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.items.map((row) => (
              <tr key={row.id}>
                <td>{target ? <Link to={`/${target}/${row.id}`}>{String(row.name ?? row.id)}</Link> : String(row.name ?? row.id)}</td>
                {extra.map((c) => (
                  <td key={c}>
                    <ValueCell field={c} value={row[c]} plural={target ?? plural} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : data ? (
        <p className="muted">None.</p>
      ) : null}
      {target === 'data-files' && data ? <CompareLink files={data.items} /> : null}
    </section>
  );
}

export function RelatedLists({ doc, plural, id, exclude = [] }: { doc: OpenApiDocument; plural: string; id: string; exclude?: string[] }) {
  const names = relatedPathsOf(doc, plural).filter((n) => !exclude.includes(n));
  if (names.length === 0) return null;
  return (
    <section aria-labelledby="related-title" className="related">
      <h2 id="related-title">Related records</h2>
      {plural === 'batches' && doc.paths['/api/v1/batches/{id}/statistics'] ? (
        <p>
          <Link to={`/compare?batch=${id}`}>Statistics of its devices (mean capacity, spread, fade rate)</Link>
        </p>
      ) : null}
      {names.map((n) => (
        <RelatedList key={n} plural={plural} id={id} name={n} />
      ))}
    </section>
  );
}
