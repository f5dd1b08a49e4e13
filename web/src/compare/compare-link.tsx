import { Link } from 'react-router-dom';

/** A link to the compare page with these parsed data files picked (when at least `min`): fade and efficiency overlaid. */
export function CompareLink({ files, min = 1 }: { files: readonly { id: unknown; state?: unknown }[]; min?: number }) {
  const ready = files.filter((f) => f.state === 'ready').map((f) => Number(f.id));
  if (ready.length < min) return null;
  return (
    <p>
      <Link to={`/compare?dataFiles=${ready.join(',')}`}>{ready.length === 1 ? 'Plot its capacity fade' : `Compare these ${ready.length} files`}</Link>
    </p>
  );
}
