import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, apiFetch } from '../api/api-client.js';
import type { Choice } from '../entities/choices.js';
import { loadMappableColumns, type MappableColumn } from './mappable-columns.js';
import type { HeaderCandidates } from './preview-file.js';
import { ChoiceOptions } from '../entities/choice-options.js';

interface Row {
  header: string;
  /** Canonical column, or '' to ignore the header. */
  target: string;
  unit: string;
}

export interface MappingDialogProps {
  fileName: string;
  candidates: HeaderCandidates;
  equipment: Choice[];
  equipmentId?: number;
  onSaved(mappingId: number): void;
  onClose(): void;
}

/** Maps each header cell of a file no parser knows to a canonical column and unit, and saves the mapping. */
export function ColumnMappingDialog({ fileName, candidates, equipment, equipmentId, onSaved, onClose }: MappingDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [columns, setColumns] = useState<MappableColumn[]>([]);
  const [rows, setRows] = useState<Row[]>(() => candidates.cells.filter((c) => c !== '').map((header) => ({ header, target: '', unit: '' })));
  const [name, setName] = useState(`${fileName.replace(/\.[^.]+$/, '')} columns`);
  const [forEquipment, setForEquipment] = useState<number | undefined>(equipmentId);
  const [dischargePositive, setDischargePositive] = useState(false);
  const [error, setError] = useState<ApiError | Error>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    ref.current?.showModal();
    loadMappableColumns().then(setColumns, (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))));
  }, []);

  const setRow = (i: number, change: Partial<Row>) => setRows((list) => list.map((r, k) => (k === i ? { ...r, ...change } : r)));
  const unitsOf = (target: string) => columns.find((c) => c.name === target)?.units ?? [];
  const sample = (i: number) => candidates.sampleRows.map((r) => r[candidates.cells.indexOf(rows[i].header)] ?? '').filter(Boolean).slice(0, 3).join(', ');

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(undefined);
    const mapped = Object.fromEntries(rows.filter((r) => r.target).map((r) => [r.header, { name: r.target, unit: r.unit }]));
    const mapping = { columns: mapped, delimiter: candidates.delimiter, decimalComma: candidates.decimalComma, currentSign: dischargePositive ? 'positive-discharge' : 'positive-charge' };
    try {
      const created = await apiFetch<{ id: number }>('/api/v1/column-mappings', { method: 'POST', body: { name, equipment_id: forEquipment ?? null, mapping } });
      onSaved(created.id);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      setSaving(false);
    }
  }

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={titleId} className="dialog">
      <h2 id={titleId}>Map the columns of {fileName}</h2>
      <p className="muted">
        No parser recognises this file. Say what each column holds (header on line {candidates.lineIndex + 1}, separated by{' '}
        {candidates.delimiter === '\t' ? 'tabs' : `“${candidates.delimiter}”`}
        {candidates.decimalComma ? ', decimal comma' : ''}); the mapping is saved and used for files with the same headers.
      </p>
      <form onSubmit={save}>
        <div className="field">
          <label htmlFor={`${titleId}-name`}>Mapping name</label>
          <input id={`${titleId}-name`} value={name} required maxLength={500} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${titleId}-equipment`}>For equipment</label>
          <select id={`${titleId}-equipment`} value={forEquipment ?? ''} onChange={(e) => setForEquipment(e.target.value ? Number(e.target.value) : undefined)}>
            <ChoiceOptions choices={equipment} empty="(any equipment)" />
          </select>
        </div>
        <table className="list compact">
          <thead>
            <tr>
              <th scope="col">Header</th>
              <th scope="col">Values</th>
              <th scope="col">Column</th>
              <th scope="col">Unit in the file</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.header}>
                <th scope="row">{r.header}</th>
                <td className="muted">{sample(i)}</td>
                <td>
                  <select aria-label={`Column for ${r.header}`} value={r.target} onChange={(e) => setRow(i, { target: e.target.value, unit: unitsOf(e.target.value)[0] ?? '' })}>
                    <option value="">(ignore)</option>
                    {columns.map((c) => (
                      <option key={c.name} value={c.name}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select aria-label={`Unit of ${r.header}`} value={r.unit} disabled={!r.target} onChange={(e) => setRow(i, { unit: e.target.value })}>
                    {unitsOf(r.target).map((u) => (
                      <option key={u} value={u}>
                        {u}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label>
          <input type="checkbox" checked={dischargePositive} onChange={(e) => setDischargePositive(e.target.checked)} /> Current is positive on discharge in this file
        </label>
        {error ? (
          <div role="alert" className="error">
            <p>{error.message}</p>
            {error instanceof ApiError && error.issues.length > 0 ? (
              <ul>
                {error.issues.map((issue) => (
                  <li key={`${issue.field}-${issue.message}`}>{issue.message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <p className="actions">
          <button type="submit" className="primary" disabled={saving}>
            Save mapping and upload
          </button>{' '}
          <button type="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
        </p>
      </form>
    </dialog>
  );
}
