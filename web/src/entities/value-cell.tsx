import { Link } from 'react-router-dom';
import { choiceName } from './choices.js';
import { referenceTarget } from './entity-config.js';
import { useChoices } from './use-choices.js';

// Counts read better grouped (108,563); other integers (years, sequence numbers) stay as written.
const COUNT_FIELD = /(_count|_bytes)$/;

const isPlainObject = (value: unknown): value is object => value !== null && typeof value === 'object' && !Array.isArray(value);

function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return value.toPrecision(6).replace(/\.?0+$/, '');
    return COUNT_FIELD.test(field) ? value.toLocaleString() : String(value);
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).toLocaleString();
  if (isPlainObject(value)) {
    // Metadata and attributes: "key: value" pairs, one a line (pre-line keeps the breaks).
    const entries = Object.entries(value);
    if (entries.length === 0) return '—';
    return entries.map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`).join('\n');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function ReferenceLink({ target, id }: { target: string; id: number }) {
  const { choices } = useChoices(target === 'users' ? undefined : target);
  if (target === 'users') return <span>user #{id}</span>;
  return <Link to={`/${target}/${id}`}>{choiceName(choices, id)}</Link>;
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
  if ((field === 'status' || field === 'state') && typeof value === 'string') return <span className={`badge badge-${value}`}>{value}</span>;
  if (isPlainObject(value)) return <span className="pairs">{formatValue(field, value)}</span>;
  return <>{formatValue(field, value)}</>;
}
