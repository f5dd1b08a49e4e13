import type { FilePreview } from './preview-file.js';

// Canonical names already end in their unit ('Voltage / V').
const withUnit = (name: string, unit: string | null) => (unit && !name.endsWith(` / ${unit}`) ? `${name} [${unit}]` : name);

/** The detected format and the recognised columns (original name/unit → canonical name/unit). */
export function PreviewSummary({ fileName, preview }: { fileName: string; preview: FilePreview }) {
  if (!preview.format) return null;
  return (
    <div className="upload-preview">
      <p>
        Detected format: <strong>{preview.label ?? preview.format}</strong> <span className="muted">({preview.format})</span>
        {preview.rows !== null ? <span className="muted"> · {preview.rows} rows in the first part</span> : null}
      </p>
      {preview.columns ? (
        <table className="list compact" aria-label={`Columns recognised in ${fileName}`}>
          <thead>
            <tr>
              <th scope="col">In the file</th>
              <th scope="col">Stored as</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((c) => (
              <tr key={`${c.originalName}-${c.name}`}>
                <td>{withUnit(c.originalName, c.originalUnit)}</td>
                <td>{withUnit(c.name, c.unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {preview.warnings.length > 0 ? (
        <ul className="muted" aria-label={`Preview notes for ${fileName}`}>
          {preview.warnings.map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
