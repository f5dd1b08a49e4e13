import { useId } from 'react';
import { queryParamsOf, type OpenApiDocument } from '../api/openapi-spec.js';
import { humanise } from './entity-config.js';

const PAGING = new Set(['q', 'sort', 'page', 'page_size', 'format']);

function labelOf(name: string): string {
  const [field, op] = name.split('__');
  const words: Record<string, string> = { contains: 'contains', gte: 'from', lte: 'to', gt: 'after', lt: 'before', in: 'one of' };
  return op ? `${humanise(field)} ${words[op] ?? op}` : humanise(field);
}

/** Filter controls for every filter parameter the list endpoint declares. */
export function ListFilters({ doc, plural, params, onChange }: { doc: OpenApiDocument; plural: string; params: URLSearchParams; onChange(name: string, value: string): void }) {
  const baseId = useId();
  const filters = queryParamsOf(doc, `/api/v1/${plural}`).filter((p) => !PAGING.has(p.name) && !p.name.endsWith('__in') && !/__(gt|lt)$/.test(p.name));
  if (filters.length === 0) return null;
  return (
    <details className="filters" open={filters.some((f) => params.has(f.name))}>
      <summary>Filters</summary>
      <div className="filter-grid">
        {filters.map((f) => {
          const id = `${baseId}-${f.name}`;
          const value = params.get(f.name) ?? '';
          const enumValues = f.schema?.enum ?? (f.schema?.anyOf?.find((s) => s.enum)?.enum as unknown[] | undefined);
          const isDate = f.name.endsWith('_at') || f.name.endsWith('_at__gte') || f.name.endsWith('_at__lte') || /date|_on(__|$)/.test(f.name);
          return (
            <div key={f.name} className="filter">
              <label htmlFor={id}>{labelOf(f.name)}</label>
              {enumValues ? (
                <select id={id} value={value} onChange={(e) => onChange(f.name, e.target.value)}>
                  <option value="">any</option>
                  {enumValues.map((v) => (
                    <option key={String(v)} value={String(v)}>
                      {String(v)}
                    </option>
                  ))}
                </select>
              ) : (
                <input id={id} type={isDate ? 'date' : 'text'} value={value} onChange={(e) => onChange(f.name, e.target.value)} />
              )}
            </div>
          );
        })}
      </div>
    </details>
  );
}
