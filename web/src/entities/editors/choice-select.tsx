import type { QueryValue } from '../../api/api-client.js';
import { Field } from '../../ui/field.js';
import { useChoices } from '../use-choices.js';
import { ChoiceOptions } from '../choice-options.js';

interface Props {
  label: string;
  /** The entity to pick from, through its visibility-scoped choices endpoint. */
  plural: string;
  filters?: Record<string, QueryValue>;
  value: string;
  error?: string;
  hint?: string;
  disabled?: boolean;
  onChange(value: string): void;
}

/** A labelled dropdown of the records of one entity the viewer may see. */
export function ChoiceSelect({ label, plural, filters, value, error, hint, disabled, onChange }: Props) {
  const { choices } = useChoices(plural, filters);
  return (
    <Field label={label} error={error} hint={hint}>
      {(p) => (
        <select {...p} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          <ChoiceOptions choices={choices} empty="(choose)" />
        </select>
      )}
    </Field>
  );
}
