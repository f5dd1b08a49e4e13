import { Link } from 'react-router-dom';
import { referenceTarget } from './entity-config.js';
import { useChoices } from './use-choices.js';

function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).toLocaleString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function ReferenceLink({ target, id }: { target: string; id: number }) {
  const { choices } = useChoices(target === 'users' ? undefined : target);
  const name = choices.find((c) => c.id === id)?.name;
  if (target === 'users') return <span>user #{id}</span>;
  return <Link to={`/${target}/${id}`}>{name ?? `#${id}`}</Link>;
}

/** One value of a record, linking `*_id` fields to the referenced record. */
export function ValueCell({ field, value, plural }: { field: string; value: unknown; plural: string }) {
  const target = referenceTarget(field, plural);
  if (target && typeof value === 'number') return <ReferenceLink target={target} id={value} />;
  if (target && Array.isArray(value) && value.every((v) => typeof v === 'number'))
    return (
      <>
        {value.map((v, i) => (
          <span key={v}>
            {i > 0 ? ', ' : ''}
            <ReferenceLink target={target} id={v} />
          </span>
        ))}
      </>
    );
  if (field === 'status' && typeof value === 'string') return <span className={`badge badge-${value}`}>{value}</span>;
  return <>{formatValue(value)}</>;
}
