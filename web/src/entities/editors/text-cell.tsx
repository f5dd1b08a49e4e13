import { Field } from '../../ui/field.js';

interface Props {
  label: string;
  value: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'number';
  /** For numbers: 1 for whole numbers, 'any' otherwise. */
  step?: number | 'any';
  min?: number;
  placeholder?: string;
  /** Focusable but not editable, e.g. until the kind of value is known. */
  readOnly?: boolean;
  onChange(value: string): void;
}

/** A labelled text or number input inside an editor row. */
export function TextCell({ label, value, error, hint, type = 'text', step, min, placeholder, readOnly, onChange }: Props) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(p) => <input {...p} type={type} step={type === 'number' ? (step ?? 'any') : undefined} min={min} placeholder={placeholder} readOnly={readOnly} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}
